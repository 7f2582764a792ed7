package io.tinykube.runtime.layer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A target directory with a sentinel directory beside it, to prove nothing was written outside the target. */
final class LayerDirs {
    static final String TAR = "application/vnd.oci.image.layer.v1.tar";

    final Path target;
    final Path sentinel;

    LayerDirs(Path temp) throws IOException {
        target = Files.createDirectory(temp.resolve("rootfs"));
        sentinel = Files.createDirectory(temp.resolve("sentinel"));
        Files.createDirectories(temp.resolve("sentinel/etc"));
        Files.writeString(temp.resolve("sentinel/victim"), "original");
    }

    UnpackResult apply(byte[] layer) throws IOException {
        return unpacker().apply(new ByteArrayInputStream(layer), TAR, target, WhiteoutStrategy.merged());
    }

    static LayerUnpacker unpacker() {
        return new LayerUnpacker(new ProcessPrivilegedFiles(), false);
    }

    /** Every path under the sentinel and the filesystem root that a hostile layer aims at. */
    void assertNothingOutside() throws IOException {
        try (Stream<Path> files = Files.walk(sentinel)) {
            long count = files.count();
            if (count != 3) {
                throw new AssertionError("something was written beside the target: " + count + " paths in " + sentinel);
            }
        }
        if (!Files.readString(sentinel.resolve("victim")).equals("original")) {
            throw new AssertionError("a file beside the target was overwritten");
        }
        try (Stream<Path> outside = Files.list(target.getParent())) {
            long count = outside.count();
            if (count != 2) {
                throw new AssertionError("something was written beside the target in " + target.getParent());
            }
        }
        if (Files.exists(Path.of("/etc/tinykube-escape")) || Files.exists(Path.of("/tinykube-escape"))) {
            throw new AssertionError("something was written to the host's root");
        }
    }
}
