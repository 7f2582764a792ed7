package io.tinykube.runtime.layer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deleting whole trees without ever following a symlink out of them. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code path} and, if it is a real directory, everything below it; a symlink is removed, not followed. */
    public static void deleteRecursively(Path path) throws IOException {
        BasicFileAttributes attributes = RootedPaths.attributesOrNull(path);
        if (attributes == null) {
            return;
        }
        if (!attributes.isDirectory()) {
            Files.deleteIfExists(path);
            return;
        }
        // walkFileTree does not follow links unless asked, so a symlink inside is deleted as a file.
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
