package io.tinykube.runtime.layer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Paths inside one directory that no tar entry can leave. Entry names are cleaned lexically and refused when
 * they climb above the root; directory components that are symlinks are resolved the way containerd's
 * {@code fs.RootPath} does, chroot-style: an absolute target starts again at the root and {@code ..} stops
 * there, so a symlink planted by an earlier entry or layer can redirect a write only to another place inside
 * the root. The last component is never followed: callers replace or create it themselves.
 */
final class RootedPaths {
    /** Linux's own limit on symlinks followed in one lookup (ELOOP). */
    private static final int MAX_SYMLINKS = 40;
    static final int MAX_NAME = 4096;
    static final int MAX_COMPONENT = 255;

    private final Path root;

    RootedPaths(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /**
     * The components of a tar entry name, cleaned like Go's {@code filepath.Clean}: a leading {@code /} is
     * dropped (as Docker does), empty and {@code .} components vanish, {@code a/..} cancels out. A name that
     * climbs above the root is refused rather than clamped: such a layer is hostile, not sloppy.
     */
    static List<String> clean(String name) throws LayerException {
        if (name.length() > MAX_NAME) {
            throw new LayerException("entry name of " + name.length() + " characters is longer than " + MAX_NAME);
        }
        if (name.indexOf('\0') >= 0) {
            throw new LayerException("entry name contains a NUL byte: " + printable(name));
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new LayerException("entry " + printable(name) + " escapes the layer root with '..'");
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            if (part.length() > MAX_COMPONENT) {
                throw new LayerException("entry " + printable(name) + " has a component longer than " + MAX_COMPONENT
                        + " characters");
            }
            parts.add(part);
        }
        return parts;
    }

    static String printable(String name) {
        String shown = name.length() > 120 ? name.substring(0, 120) + "..." : name;
        return "'" + shown.replace("\0", "\\0") + "'";
    }

    /**
     * The real directory that {@code components} name inside the root, every component resolved chroot-style.
     * Missing directories are created (mode 0755) when {@code create} is set, otherwise the answer is empty.
     */
    Optional<Path> directory(List<String> components, boolean create) throws IOException {
        Deque<String> pending = new ArrayDeque<>(components);
        List<String> resolved = new ArrayList<>();
        int symlinks = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
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
            BasicFileAttributes attributes = attributesOrNull(candidate);
            if (attributes == null) {
                if (!create) {
                    return Optional.empty();
                }
                try {
                    Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException raced) {
                    throw new LayerException("directory " + root.relativize(candidate) + " changed while unpacking");
                }
                resolved.add(part);
            } else if (attributes.isSymbolicLink()) {
                if (++symlinks > MAX_SYMLINKS) {
                    throw new LayerException("too many levels of symbolic links under " + root.relativize(candidate));
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetParts = List.of(target.split("/"));
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetParts.get(i));
                }
            } else if (attributes.isDirectory()) {
                resolved.add(part);
            } else {
                if (!create) {
                    return Optional.empty();
                }
                throw new LayerException(root.relativize(candidate) + " is not a directory");
            }
        }
        return Optional.of(join(resolved));
    }

    /** True when every component below the root is a real directory or file, none a symlink. */
    boolean isDirect(Path inside) {
        Path relative = root.relativize(inside);
        Path current = root;
        for (Path part : relative) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return false;
            }
        }
        return true;
    }

    private Path join(List<String> parts) {
        Path path = root;
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
    }

    static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }
}
