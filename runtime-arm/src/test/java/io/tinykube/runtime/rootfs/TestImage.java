package io.tinykube.runtime.rootfs;

import io.tinykube.runtime.layer.TestTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Image layers as gzip blobs with real digests, counting how often each is read. */
final class TestImage {
    static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    final List<LayerBlob> layers = new ArrayList<>();
    final AtomicInteger opens = new AtomicInteger();

    static TestImage of(TestTar... tars) {
        TestImage image = new TestImage();
        for (TestTar tar : tars) {
            byte[] blob = tar.gzip();
            image.layers.add(new LayerBlob(sha256(blob), GZIP, () -> {
                image.opens.incrementAndGet();
                return new ByteArrayInputStream(blob);
            }));
        }
        return image;
    }

    /** Three layers exercising whiteouts, opaque directories and replacements. */
    static TestImage threeLayers() {
        return of(
                TestTar.layer().dir("etc").file("etc/passwd", "root:x:0:0").file("etc/hosts", "127.0.0.1")
                        .dir("opt/app").file("opt/app/v1", "one").file("opt/app/lib/old.so", "old")
                        .dir("var/cache").file("var/cache/big", "cache").symlink("bin", "usr/bin")
                        .file("usr/bin/tool", "tool", 0755, 0, 0).file("tmp/kept", "k"),
                TestTar.layer().whiteout("etc/hosts").opaque("opt/app").file("opt/app/v2", "two")
                        .whiteout("var/cache").file("usr/bin/tool2", "tool2", 04755, 0, 0).file("replaced", "file"),
                TestTar.layer().file("etc/hosts", "10.0.0.1").whiteout("replaced").dir("replaced")
                        .file("replaced/now-dir", "d").whiteout("tmp/kept").hardLink("usr/bin/tool-link", "usr/bin/tool2"));
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Every path below {@code root} with its type, mode and content (or link target), for comparing trees. */
    static TreeMap<String, String> listing(Path root) throws IOException {
        TreeMap<String, String> listing = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String mode = Integer.toOctalString((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS));
                String content = Files.isSymbolicLink(path) ? "-> " + Files.readSymbolicLink(path)
                        : Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                                ? new String(Files.readAllBytes(path), StandardCharsets.UTF_8) : "";
                listing.put("/" + root.relativize(path), mode + " " + content);
            }
        }
        return listing;
    }

    static boolean mountedUnder(Path root) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(line -> line.contains(root.toAbsolutePath().toString()));
    }
}
