package io.tinykube.runtime.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths inside a container's root filesystem, resolved from the host the way the container will see them:
 * symlinks are followed chroot-style (an absolute target starts again at the root, {@code ..} stops there),
 * so an image's {@code /etc/passwd -> /etc/shadow} or {@code /proc -> /} cannot send a read or a mount onto
 * the host's files (runc's securejoin).
 */
final class RootfsPaths {
    private static final int MAX_SYMLINKS = 40;

    private final Path root;

    RootfsPaths(Path root) {
        this.root = root;
    }

    /** The host path of {@code containerPath}, every symlink resolved inside the root; it need not exist. */
    Path resolve(String containerPath) {
        Deque<String> pending = new ArrayDeque<>(List.of(containerPath.split("/")));
        List<String> resolved = new ArrayList<>();
        int symlinks = 0;
        while (!pending.isEmpty()) {
            String part = pending.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            Path candidate = join(resolved).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++symlinks > MAX_SYMLINKS) {
                    throw new ContainerException("too many levels of symbolic links in " + containerPath);
                }
                String target = readLink(candidate);
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetParts = List.of(target.split("/"));
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetParts.get(i));
                }
            } else {
                resolved.add(part);
            }
        }
        return join(resolved);
    }

    /** Creates {@code containerPath} as a directory (with parents) inside the root. */
    Path createDirectories(String containerPath) {
        Path path = resolve(containerPath);
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new ContainerException("cannot create " + containerPath + " in the root filesystem: " + e, e);
        }
        return path;
    }

    /** Creates an empty file at {@code containerPath} (a mount point for a file), parents included. */
    Path createFile(String containerPath) {
        Path path = resolve(containerPath);
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                String parent = containerPath.substring(0, Math.max(containerPath.lastIndexOf('/'), 0));
                createDirectories(parent.isEmpty() ? "/" : parent);
                Files.createFile(path);
            }
        } catch (IOException e) {
            throw new ContainerException("cannot create " + containerPath + " in the root filesystem: " + e, e);
        }
        return path;
    }

    private Path join(List<String> parts) {
        Path path = root;
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
