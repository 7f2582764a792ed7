package io.tinykube.runtime.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers built to write outside their directory: refused, or kept inside it chroot-style. */
class HostileLayerTest {
    @TempDir
    Path temp;
    LayerDirs dirs;

    @BeforeEach
    void setUp() throws IOException {
        dirs = new LayerDirs(temp);
    }

    private LayerException refused(TestTar layer) {
        return assertThrows(LayerException.class, () -> dirs.apply(layer.tar()));
    }

    @Test
    void dotDotEntryIsRefused() throws IOException {
        LayerException error = refused(TestTar.layer().file("../sentinel/x", "escape"));
        assertEquals("entry '../sentinel/x' escapes the layer root with '..'", error.getMessage());
        LayerException deeper = refused(TestTar.layer().file("a/../../../../etc/tinykube-escape", "escape"));
        assertTrue(deeper.getMessage().contains("escapes the layer root"), deeper.getMessage());
        dirs.assertNothingOutside();
    }

    @Test
    void absoluteEntryLandsInsideTheRoot() throws IOException {
        dirs.apply(TestTar.layer().file("/etc/tinykube-escape", "inside").tar());
        assertEquals("inside", Files.readString(dirs.target.resolve("etc/tinykube-escape")));
        dirs.assertNothingOutside();
    }

    @Test
    void symlinkToHostRootIsResolvedInsideTheRoot() throws IOException {
        dirs.apply(TestTar.layer().symlink("evil", "/").file("evil/etc/tinykube-escape", "inside").tar());
        assertEquals("inside", Files.readString(dirs.target.resolve("etc/tinykube-escape")));
        assertEquals(Path.of("/"), Files.readSymbolicLink(dirs.target.resolve("evil")));
        dirs.assertNothingOutside();
    }

    @Test
    void symlinkClimbingOutIsStoppedAtTheRoot() throws IOException {
        dirs.apply(TestTar.layer()
                .symlink("up", "../sentinel")
                .symlink("l1", "../..")
                .symlink("l2", "l1/../../sentinel")
                .symlink("dots", "..")
                .file("up/victim", "one")
                .file("l2/x", "two")
                .file("dots/dots/dots/y", "three")
                .tar());
        assertEquals("one", Files.readString(dirs.target.resolve("sentinel/victim")));
        assertEquals("two", Files.readString(dirs.target.resolve("sentinel/x")));
        assertEquals("three", Files.readString(dirs.target.resolve("y")));
        dirs.assertNothingOutside();
    }

    @Test
    void symlinkPlantedByAnEarlierLayerIsResolvedInsideTheRoot() throws IOException {
        dirs.apply(TestTar.layer().symlink("planted", dirs.sentinel.toString()).tar());
        dirs.apply(TestTar.layer().file("planted/victim", "overwritten").dir("planted/etc/sub").tar());
        Path inside = dirs.target.resolve(dirs.sentinel.toString().substring(1));
        assertEquals("overwritten", Files.readString(inside.resolve("victim")));
        assertTrue(Files.isDirectory(inside.resolve("etc/sub")));
        dirs.assertNothingOutside();
    }

    @Test
    void fileReplacingASymlinkDoesNotWriteThroughIt() throws IOException {
        dirs.apply(TestTar.layer().symlink("link", dirs.sentinel.resolve("victim").toString()).tar());
        dirs.apply(TestTar.layer().file("link", "replaced").tar());
        assertFalse(Files.isSymbolicLink(dirs.target.resolve("link")));
        assertEquals("replaced", Files.readString(dirs.target.resolve("link")));
        dirs.assertNothingOutside();
    }

    @Test
    void hardLinkOutsideTheLayerIsRefused() throws IOException {
        LayerException shadow = refused(TestTar.layer().hardLink("shadow", "/etc/shadow"));
        assertEquals("hard link 'shadow' points at '/etc/shadow', which is not in the layer", shadow.getMessage());
        LayerException outside = refused(TestTar.layer().hardLink("out", "../sentinel/victim"));
        assertEquals("entry '../sentinel/victim' escapes the layer root with '..'", outside.getMessage());
        LayerException throughSymlink = refused(TestTar.layer().symlink("evil", "/").hardLink("passwd", "evil/etc/passwd"));
        assertTrue(throughSymlink.getMessage().contains("which is not in the layer"), throughSymlink.getMessage());
        assertFalse(Files.exists(dirs.target.resolve("shadow"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dirs.target.resolve("passwd"), LinkOption.NOFOLLOW_LINKS));
        dirs.assertNothingOutside();
    }

    @Test
    void whiteoutsCannotReachOutside() throws IOException {
        LayerException dots = refused(TestTar.layer().file(".wh...", ""));
        assertEquals("whiteout '.wh...' does not name an entry of its directory", dots.getMessage());
        LayerException up = refused(TestTar.layer().file("../.wh.sentinel", ""));
        assertTrue(up.getMessage().contains("escapes the layer root"), up.getMessage());
        dirs.apply(TestTar.layer().symlink("planted", dirs.sentinel.toString()).symlink("parent", temp.toString()).tar());
        dirs.apply(TestTar.layer().whiteout("planted/victim").opaque("planted").whiteout("parent/sentinel").tar());
        dirs.assertNothingOutside();
    }

    @Test
    void hugeNamesAreRefused() throws IOException {
        LayerException longName = refused(TestTar.layer().file("a/".repeat(3000) + "x", "deep"));
        assertEquals("entry name of 6001 characters is longer than 4096", longName.getMessage());
        LayerException longComponent = refused(TestTar.layer().file("d/" + "n".repeat(300), "wide"));
        assertTrue(longComponent.getMessage().endsWith("has a component longer than 255 characters"),
                longComponent.getMessage());
        dirs.assertNothingOutside();
    }

    @Test
    void symlinkLoopsAndFileParentsAreRefused() throws IOException {
        LayerException loop = refused(TestTar.layer().symlink("loop", "loop").file("loop/x", "x"));
        assertEquals("too many levels of symbolic links under loop", loop.getMessage());
        LayerException fileParent = refused(TestTar.layer().file("f", "plain").file("f/x", "x"));
        assertEquals("f is not a directory", fileParent.getMessage());
        dirs.assertNothingOutside();
    }
}
