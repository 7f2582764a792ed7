package io.tinykube.runtime.rootfs;

import io.tinykube.runtime.layer.FileTrees;
import io.tinykube.runtime.layer.PrivilegedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Whether overlay snapshots work under a directory: the kernel must know overlayfs and, decisively, a test
 * mount there must behave, whiteout device and opaque xattr included. Inside some containers the kernel lists
 * overlay but refuses the mount, or the filesystem below refuses to be an upper dir.
 */
public record OverlaySupport(boolean available, String reason) {
    private static final Path FILESYSTEMS = Path.of("/proc/filesystems");

    public static OverlaySupport probe(Path root, Mounter mounter, PrivilegedFiles privileged) throws IOException {
        Path probe = Files.createDirectories(root).resolve("overlay-probe-" + UUID.randomUUID());
        Path merged = probe.resolve("merged");
        try {
            Path bottom = Files.createDirectories(probe.resolve("lower/0"));
            Path top = Files.createDirectories(probe.resolve("lower/1"));
            Files.createDirectories(probe.resolve("upper"));
            Files.createDirectories(probe.resolve("work"));
            Files.createDirectories(merged);
            Files.writeString(bottom.resolve("deleted"), "x");
            Files.createDirectories(bottom.resolve("opaque"));
            Files.writeString(bottom.resolve("opaque/hidden"), "x");
            privileged.makeNode(top.resolve("deleted"), PrivilegedFiles.NodeType.CHARACTER_DEVICE, 0, 0, 0);
            Files.createDirectories(top.resolve("opaque"));
            privileged.setXattr(top.resolve("opaque"), "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));
            mounter.mountOverlay(probe.resolve("lower"), List.of("1", "0"), "../upper", "../work", merged);
            try {
                if (Files.exists(merged.resolve("deleted"), LinkOption.NOFOLLOW_LINKS)
                        || Files.exists(merged.resolve("opaque/hidden"), LinkOption.NOFOLLOW_LINKS)) {
                    return new OverlaySupport(false, "overlay mount ignores whiteouts");
                }
                Files.writeString(merged.resolve("written"), "x");
            } finally {
                mounter.unmount(merged);
            }
            return new OverlaySupport(true, "overlay test mount works");
        } catch (IOException failure) {
            String listed = kernelListsOverlay() ? "" : "overlay is not in /proc/filesystems; ";
            return new OverlaySupport(false, listed + failure.getMessage());
        } finally {
            if (!mounter.isMounted(merged)) {
                FileTrees.deleteRecursively(probe);
            }
        }
    }

    private static boolean kernelListsOverlay() {
        try {
            return Files.readAllLines(FILESYSTEMS).stream().anyMatch(line -> line.trim().endsWith("overlay"));
        } catch (IOException unreadable) {
            return false;
        }
    }
}
