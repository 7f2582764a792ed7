package io.tinykube.runtime.rootfs;

import io.tinykube.runtime.layer.FileTrees;
import io.tinykube.runtime.layer.LayerUnpacker;
import io.tinykube.runtime.layer.PrivilegedFiles;
import io.tinykube.runtime.layer.WhiteoutStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Root filesystems as overlay mounts. Each layer is unpacked once, in overlayfs's whiteout form, into
 * {@code <root>/layers/<algorithm>/<hex>} and shared read-only by every snapshot of every image that has it.
 * A snapshot is {@code <root>/snapshots/<id>/} with {@code upper}, {@code work}, the {@code rootfs} mount point,
 * and {@code lower/0..n-1}: symlinks to its layer directories, bottom first. The mount runs inside
 * {@code lower/} with {@code lowerdir=n-1:...:0}, so the options stay a few bytes per layer, far below the one
 * page the kernel accepts, where absolute digest paths would not fit 40 layers (Docker's overlay2 uses short
 * links for the same reason).
 */
public final class OverlaySnapshotter implements Snapshotter {
    private final Path layers;
    private final SnapshotDirectory snapshots;
    private final LayerUnpacker unpacker;
    private final Mounter mounter;
    private final PrivilegedFiles privileged;
    /** Guards the reference decisions: snapshot layer files written versus layer directories deleted. */
    private final Object references = new Object();
    private final ConcurrentHashMap<String, Object> unpacking = new ConcurrentHashMap<>();
    /** One prepare or remove at a time per snapshot, so two prepares of one id never mount twice. */
    private final ConcurrentHashMap<String, Object> snapshotLocks = new ConcurrentHashMap<>();

    public OverlaySnapshotter(Path root, LayerUnpacker unpacker, Mounter mounter, PrivilegedFiles privileged)
            throws IOException {
        this.layers = Files.createDirectories(root.toAbsolutePath().normalize().resolve("layers"));
        this.snapshots = new SnapshotDirectory(root.toAbsolutePath().normalize());
        this.unpacker = unpacker;
        this.mounter = mounter;
        this.privileged = privileged;
        removeLeftovers();
    }

    @Override
    public Snapshot prepare(String id, List<LayerBlob> blobs) throws IOException {
        synchronized (snapshotLocks.computeIfAbsent(id, key -> new Object())) {
            return prepareLocked(id, blobs);
        }
    }

    private Snapshot prepareLocked(String id, List<LayerBlob> blobs) throws IOException {
        List<String> digests = blobs.stream().map(LayerBlob::digest).toList();
        Path directory = snapshots.of(id);
        Snapshot snapshot;
        boolean created;
        synchronized (references) {
            Optional<Snapshot> existing = snapshots.read(id);
            if (existing.isPresent() && !existing.get().layers().equals(digests)) {
                throw new IOException("snapshot " + id + " exists with other layers");
            }
            if (existing.isPresent() && mounter.isMounted(existing.get().rootfs())) {
                return existing.get();
            }
            created = existing.isEmpty();
            if (created) {
                Files.createDirectories(directory);
                snapshots.writeLayers(directory, digests);
            }
            snapshot = snapshots.read(id).orElseThrow();
        }
        try {
            List<Path> layerDirectories = unpackLayers(blobs);
            mount(directory, layerDirectories);
            return snapshot;
        } catch (IOException | RuntimeException failure) {
            if (!created) {
                throw failure; // an existing snapshot keeps its upper dir: the container's writes
            }
            try {
                removeLocked(id);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** Unpacks the layers not on disk yet, bottom first; concurrent snapshots of one layer share its unpacking. */
    private List<Path> unpackLayers(List<LayerBlob> blobs) throws IOException {
        List<Path> below = new ArrayList<>();
        for (LayerBlob blob : blobs) {
            Path target = layers.resolve(blob.relativeDirectory());
            Object lock = unpacking.computeIfAbsent(blob.digest(), digest -> new Object());
            synchronized (lock) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    List<Path> nearestFirst = new ArrayList<>(below);
                    Collections.reverse(nearestFirst);
                    try (InputStream in = blob.opener().open()) {
                        unpacker.unpackNew(in, blob.mediaType(), target, WhiteoutStrategy.overlay(privileged, nearestFirst));
                    }
                }
            }
            below.add(target);
        }
        return below;
    }

    private void mount(Path directory, List<Path> layerDirectories) throws IOException {
        Path lower = directory.resolve("lower");
        FileTrees.deleteRecursively(lower);
        Files.createDirectories(lower);
        List<String> lowerDirs = new ArrayList<>();
        if (layerDirectories.isEmpty()) {
            Files.createDirectory(lower.resolve("0"));
            lowerDirs.add("0");
        }
        for (int i = 0; i < layerDirectories.size(); i++) {
            Files.createSymbolicLink(lower.resolve(Integer.toString(i)), layerDirectories.get(i));
            lowerDirs.add(0, Integer.toString(i));
        }
        Files.createDirectories(directory.resolve("upper"));
        Path work = directory.resolve("work");
        // overlayfs wants an empty work dir; what an earlier mount left there is scratch.
        FileTrees.deleteRecursively(work);
        Files.createDirectories(work);
        Path rootfs = Files.createDirectories(directory.resolve(SnapshotDirectory.ROOTFS));
        mounter.mountOverlay(lower, lowerDirs, "../upper", "../work", rootfs);
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
        synchronized (snapshotLocks.computeIfAbsent(id, key -> new Object())) {
            removeLocked(id);
        }
    }

    private void removeLocked(String id) throws IOException {
        Path directory = snapshots.of(id);
        List<Path> trash = new ArrayList<>();
        synchronized (references) {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Path rootfs = directory.resolve(SnapshotDirectory.ROOTFS);
            mounter.unmount(rootfs);
            if (mounter.isMounted(rootfs)) {
                throw new IOException("snapshot " + id + " is still mounted at " + rootfs);
            }
            List<String> layersOfSnapshot = snapshots.read(id).map(Snapshot::layers).orElse(List.of());
            trash.add(snapshots.moveToTrash(directory));
            Set<String> inUse = new HashSet<>();
            for (Snapshot other : snapshots.list()) {
                inUse.addAll(other.layers());
            }
            for (String digest : layersOfSnapshot) {
                Path layer = layers.resolve(digest.replace(':', '/'));
                if (!inUse.contains(digest) && Files.isDirectory(layer, LinkOption.NOFOLLOW_LINKS)) {
                    trash.add(moveLayerToTrash(layer));
                }
            }
        }
        for (Path path : trash) {
            FileTrees.deleteRecursively(path);
        }
    }

    private Path moveLayerToTrash(Path layer) throws IOException {
        Path trash = layers.resolve(".trash-" + UUID.randomUUID());
        Files.move(layer, trash, StandardCopyOption.ATOMIC_MOVE);
        return trash;
    }

    /** Half-made snapshots and layers, and trash, from a crash: none of it is mounted or referenced. */
    private void removeLeftovers() throws IOException {
        for (Path leftover : snapshots.leftovers()) {
            mounter.unmount(leftover.resolve(SnapshotDirectory.ROOTFS));
            FileTrees.deleteRecursively(leftover);
        }
        try (Stream<Path> entries = Files.walk(layers, 2)) {
            for (Path path : entries.filter(path -> {
                String name = path.getFileName().toString();
                return name.startsWith(".trash-") || name.contains(".tmp-");
            }).toList()) {
                FileTrees.deleteRecursively(path);
            }
        }
    }
}
