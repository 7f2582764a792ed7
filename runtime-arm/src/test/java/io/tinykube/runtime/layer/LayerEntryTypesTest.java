package io.tinykube.runtime.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, directories, symlinks, hard links and device nodes land as the tar describes them. */
class LayerEntryTypesTest {
    @TempDir
    Path temp;

    @Test
    void filesDirectoriesAndSymlinks() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        UnpackResult result = dirs.apply(TestTar.layer().dir("bin").file("bin/busybox", "elf").symlink("bin/sh", "busybox")
                .symlink("abs", "/bin/busybox").symlink("dangling", "/nowhere").file("implied/parent/file", "x").tar());
        assertEquals("elf", Files.readString(dirs.target.resolve("bin/sh")));
        assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(dirs.target.resolve("abs")));
        assertTrue(Files.isSymbolicLink(dirs.target.resolve("dangling")));
        assertEquals("x", Files.readString(dirs.target.resolve("implied/parent/file")));
        assertEquals(6, result.entries());
        assertEquals(4, result.fileBytes());
    }

    @Test
    void entryReplacesWhatALowerLayerHad() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        dirs.apply(TestTar.layer().file("was-dir/inside", "x").dir("stays-dir").file("stays-dir/old", "o").file("was-file", "f")
                .tar());
        dirs.apply(TestTar.layer().file("was-dir", "now a file").dir("stays-dir").dir("was-file").tar());
        assertEquals("now a file", Files.readString(dirs.target.resolve("was-dir")));
        assertTrue(Files.exists(dirs.target.resolve("stays-dir/old")), "a directory over a directory merges");
        assertTrue(Files.isDirectory(dirs.target.resolve("was-file")));
    }

    @Test
    void hardLinksWithinTheLayerAndToLowerContent() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        dirs.apply(TestTar.layer().file("usr/bin/lower", "from layer one").tar());
        dirs.apply(TestTar.layer().file("usr/bin/perl", "script").hardLink("usr/bin/perl5", "usr/bin/perl")
                .hardLink("/usr/bin/again", "/usr/bin/lower").tar());
        assertTrue(Files.isSameFile(dirs.target.resolve("usr/bin/perl"), dirs.target.resolve("usr/bin/perl5")));
        assertEquals(2, (Integer) Files.getAttribute(dirs.target.resolve("usr/bin/perl"), "unix:nlink"));
        assertTrue(Files.isSameFile(dirs.target.resolve("usr/bin/lower"), dirs.target.resolve("usr/bin/again")));
    }

    @Test
    void deviceNodesAndFifosAreSkippedUnlessAllowed() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        UnpackResult skipped = dirs.apply(TestTar.layer().charDevice("dev/null", 1, 3).fifo("run/pipe").tar());
        assertEquals(2, skipped.skippedNodes());
        assertFalse(Files.exists(dirs.target.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS));

        LayerUnpacker allowing = new LayerUnpacker(new ProcessPrivilegedFiles(), true);
        allowing.apply(new ByteArrayInputStream(TestTar.layer().charDevice("dev/null", 1, 3).fifo("run/pipe").tar()),
                LayerDirs.TAR, dirs.target, WhiteoutStrategy.merged());
        Path devNull = dirs.target.resolve("dev/null");
        assertEquals(0020620, (Integer) Files.getAttribute(devNull, "unix:mode", LinkOption.NOFOLLOW_LINKS));
        assertEquals((1L << 8) | 3, (Long) Files.getAttribute(devNull, "unix:rdev", LinkOption.NOFOLLOW_LINKS));
        assertEquals(0010600, (Integer) Files.getAttribute(dirs.target.resolve("run/pipe"), "unix:mode", LinkOption.NOFOLLOW_LINKS));
    }
}
