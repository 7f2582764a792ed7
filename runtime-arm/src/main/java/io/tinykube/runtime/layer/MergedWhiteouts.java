package io.tinykube.runtime.layer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Whiteouts applied to the merged tree, as the image spec describes: {@code .wh.NAME} removes the lower NAME,
 * an opaque marker removes every lower entry of its directory. Entries this layer wrote are kept: a whiteout
 * applies only to lower layers, whatever the order of entries in the tar.
 */
final class MergedWhiteouts implements WhiteoutStrategy {
    @Override
    public void whiteout(LayerWrite write, List<String> dir, String name) throws IOException {
        Optional<Path> parent = write.paths().directory(dir, false);
        if (parent.isEmpty()) {
            return;
        }
        Path victim = parent.get().resolve(name);
        if (!write.writtenByThisLayer(victim)) {
            FileTrees.deleteRecursively(victim);
        }
    }

    @Override
    public void opaque(LayerWrite write, List<String> dir) throws IOException {
        Optional<Path> directory = write.paths().directory(dir, false);
        if (directory.isPresent()) {
            removeLowerEntries(write, directory.get());
        }
    }

    @Override
    public Optional<Path> lowerHardLinkTarget(List<String> target) {
        return Optional.empty();
    }

    private static void removeLowerEntries(LayerWrite write, Path directory) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                if (!write.writtenByThisLayer(child)) {
                    FileTrees.deleteRecursively(child);
                    continue;
                }
                BasicFileAttributes attributes = RootedPaths.attributesOrNull(child);
                if (attributes != null && attributes.isDirectory()) {
                    removeLowerEntries(write, child);
                }
            }
        }
    }
}
