package io.tinykube.runtime.rootfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code <root>/snapshots/<id>/}: one directory per snapshot, holding {@code rootfs} and a {@code layers} file
 * (the layer digests, bottom first). The layers files are the reference counts of shared layers: a layer is in
 * use while some snapshot's file names it.
 */
final class SnapshotDirectory {
    static final String LAYERS_FILE = "layers";
    static final String ROOTFS = "rootfs";
    private static final String TRASH_PREFIX = ".trash-";

    private final Path snapshots;

    SnapshotDirectory(Path root) throws IOException {
        this.snapshots = Files.createDirectories(root.resolve("snapshots"));
    }

    Path of(String id) {
        Snapshotter.checkId(id);
        return snapshots.resolve(id);
    }

    Optional<Snapshot> read(String id) throws IOException {
        Path layersFile = of(id).resolve(LAYERS_FILE);
        if (!Files.isRegularFile(layersFile, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<String> layers = Files.readAllLines(layersFile, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();
        return Optional.of(new Snapshot(id, of(id).resolve(ROOTFS), layers));
    }

    /** Writes the layers file last, atomically: a snapshot exists once its file does. */
    void writeLayers(Path directory, List<String> layers) throws IOException {
        Path temporary = directory.resolve(LAYERS_FILE + ".tmp");
        Files.writeString(temporary, String.join("\n", layers) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, directory.resolve(LAYERS_FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    List<Snapshot> list() throws IOException {
        List<Snapshot> all = new ArrayList<>();
        try (Stream<Path> children = Files.list(snapshots)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (Snapshotter.ID.matcher(name).matches()) {
                    read(name).ifPresent(all::add);
                }
            }
        }
        return all;
    }

    /** Moves {@code path} aside under a name no snapshot can have, for deleting outside any lock. */
    Path moveToTrash(Path path) throws IOException {
        Path trash = snapshots.resolve(TRASH_PREFIX + UUID.randomUUID());
        Files.move(path, trash, StandardCopyOption.ATOMIC_MOVE);
        return trash;
    }

    /** Directories a crash left half made or half deleted. */
    List<Path> leftovers() throws IOException {
        try (Stream<Path> children = Files.list(snapshots)) {
            return children.filter(child -> {
                String name = child.getFileName().toString();
                return name.startsWith(TRASH_PREFIX) || name.contains(".tmp-")
                        || (Snapshotter.ID.matcher(name).matches() && !Files.exists(child.resolve(LAYERS_FILE)));
            }).toList();
        }
    }
}
