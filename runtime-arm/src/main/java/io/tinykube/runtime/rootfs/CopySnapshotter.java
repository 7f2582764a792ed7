package io.tinykube.runtime.rootfs;

import io.tinykube.runtime.layer.FileTrees;
import io.tinykube.runtime.layer.LayerUnpacker;
import io.tinykube.runtime.layer.WhiteoutStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Root filesystems as plain directories, for machines where overlayfs is missing or refused (some container
 * environments): every layer applied in order, whiteouts included, onto {@code <root>/snapshots/<id>/rootfs}.
 * Nothing is shared, so each container costs the image's full size. Built under a temporary name and renamed
 * into place, so a snapshot is either complete or absent.
 */
public final class CopySnapshotter implements Snapshotter {
    private final SnapshotDirectory snapshots;
    private final LayerUnpacker unpacker;

    public CopySnapshotter(Path root, LayerUnpacker unpacker) throws IOException {
        this.snapshots = new SnapshotDirectory(root.toAbsolutePath().normalize());
        this.unpacker = unpacker;
        for (Path leftover : snapshots.leftovers()) {
            FileTrees.deleteRecursively(leftover);
        }
    }

    @Override
    public Snapshot prepare(String id, List<LayerBlob> blobs) throws IOException {
        List<String> digests = blobs.stream().map(LayerBlob::digest).toList();
        Optional<Snapshot> existing = snapshots.read(id);
        if (existing.isPresent()) {
            if (!existing.get().layers().equals(digests)) {
                throw new IOException("snapshot " + id + " exists with other layers");
            }
            return existing.get();
        }
        Path directory = snapshots.of(id);
        Path temporary = directory.resolveSibling(id + ".tmp-" + UUID.randomUUID());
        try {
            Path rootfs = Files.createDirectories(temporary.resolve(SnapshotDirectory.ROOTFS));
            for (LayerBlob blob : blobs) {
                try (InputStream in = blob.opener().open()) {
                    unpacker.apply(in, blob.mediaType(), rootfs, WhiteoutStrategy.merged());
                }
            }
            snapshots.writeLayers(temporary, digests);
            Files.move(temporary, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException preparedMeanwhile) {
            FileTrees.deleteRecursively(temporary);
        } catch (IOException | RuntimeException failure) {
            FileTrees.deleteRecursively(temporary);
            throw failure;
        }
        return snapshots.read(id).orElseThrow();
    }

    @Override
    public Optional<Snapshot> find(String id) throws IOException {
        return snapshots.read(id);
    }

    @Override
    public List<Snapshot> list() throws IOException {
        return snapshots.list();
    }

    @Override
    public void remove(String id) throws IOException {
        Path directory = snapshots.of(id);
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.deleteRecursively(snapshots.moveToTrash(directory));
        }
    }
}
