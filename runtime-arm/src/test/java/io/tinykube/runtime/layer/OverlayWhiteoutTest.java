package io.tinykube.runtime.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer unpacked into a directory of its own keeps its whiteouts in overlayfs's form. */
class OverlayWhiteoutTest {
    @TempDir
    Path temp;

    private Path unpack(TestTar layer, String name, List<Path> lowers) throws IOException {
        Path target = temp.resolve(name);
        LayerDirs.unpacker().unpackNew(new ByteArrayInputStream(layer.tar()), LayerDirs.TAR, target,
                WhiteoutStrategy.overlay(new ProcessPrivilegedFiles(), lowers));
        return target;
    }

    static boolean isWhiteout(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        long rdev = (Long) Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000 && rdev == 0;
    }

    static String trustedXattr(Path path, String name) throws IOException, InterruptedException {
        Process getfattr = new ProcessBuilder("getfattr", "--absolute-names", "--only-values", "-h", "-n", name,
                path.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String value = new String(getfattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return getfattr.waitFor() == 0 ? value : null;
    }

    @Test
    void whiteoutBecomesACharDeviceZeroZero() throws IOException {
        Path layer = unpack(TestTar.layer().dir("etc").whiteout("etc/passwd").file("etc/new", "x").whiteout("etc/new"),
                "layer", List.of());
        Path whiteout = layer.resolve("etc/passwd");
        assertTrue(isWhiteout(whiteout));
        assertTrue(Files.isRegularFile(layer.resolve("etc/new")), "a whiteout spares its own layer");
    }

    @Test
    void opaqueDirectoryGetsTheOverlayXattr() throws Exception {
        Path layer = unpack(TestTar.layer().file("opt/app/kept", "x").opaque("opt/app"), "layer", List.of());
        assertEquals("y", trustedXattr(layer.resolve("opt/app"), "trusted.overlay.opaque"));
        assertTrue(Files.exists(layer.resolve("opt/app/kept")));
        assertFalse(Files.exists(layer.resolve("opt/app/.wh..wh..opq")));
        assertEquals(null, trustedXattr(layer.resolve("opt"), "trusted.overlay.opaque"));
    }

    @Test
    void directoryReplacingItsOwnWhiteoutIsOpaque() throws Exception {
        Path layer = unpack(TestTar.layer().whiteout("srv").dir("srv").file("srv/fresh", "x"), "layer", List.of());
        assertTrue(Files.isDirectory(layer.resolve("srv"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("y", trustedXattr(layer.resolve("srv"), "trusted.overlay.opaque"));
    }

    @Test
    void layerXattrsCannotForgeOverlayMetadata() throws Exception {
        Path layer = unpack(TestTar.layer().fileWithXattrs("f", "x", java.util.Map.of("trusted.overlay.redirect", "/etc")),
                "layer", List.of());
        assertEquals(null, trustedXattr(layer.resolve("f"), "trusted.overlay.redirect"));
    }

    @Test
    void hardLinkToALowerLayersFileIsCopied() throws IOException {
        Path lower = unpack(TestTar.layer().file("bin/tool", "binary", 0755, 0, 0), "lower", List.of());
        Path upper = unpack(TestTar.layer().hardLink("bin/alias", "bin/tool").hardLink("bin/alias2", "bin/tool"), "upper",
                List.of(lower));
        assertEquals("binary", Files.readString(upper.resolve("bin/alias")));
        assertEquals(0755, (Integer) Files.getAttribute(upper.resolve("bin/alias"), "unix:mode") & 07777);
        assertTrue(Files.isSameFile(upper.resolve("bin/alias"), upper.resolve("bin/alias2")));
        assertFalse(Files.isSameFile(upper.resolve("bin/alias"), lower.resolve("bin/tool")), "lower layers stay untouched");
    }

    @Test
    void unpackingIntoAnExistingLayerDirectoryIsANoOp() throws IOException {
        Path layer = unpack(TestTar.layer().file("a", "first"), "layer", List.of());
        unpack(TestTar.layer().file("a", "second"), "layer", List.of());
        assertEquals("first", Files.readString(layer.resolve("a")));
        try (var siblings = Files.list(temp)) {
            assertEquals(List.of(layer), siblings.toList(), "no temporary directory left behind");
        }
    }

    @Test
    void failedUnpackLeavesNothingBehind() throws IOException {
        Path target = temp.resolve("layer");
        try {
            unpack(TestTar.layer().file("ok", "x").file("../escape", "y"), "layer", List.of());
        } catch (LayerException expected) {
            assertTrue(expected.getMessage().contains("escapes"));
        }
        assertFalse(Files.exists(target));
        try (var siblings = Files.list(temp)) {
            assertEquals(0, siblings.count());
        }
    }
}
