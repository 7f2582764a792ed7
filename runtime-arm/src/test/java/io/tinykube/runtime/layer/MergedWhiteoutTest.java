package io.tinykube.runtime.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whiteouts and opaque directories applied to a merged tree, layer after layer. */
class MergedWhiteoutTest {
    @TempDir
    Path temp;

    @Test
    void whiteoutRemovesTheLowerEntryButNotThisLayersOwn() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        dirs.apply(TestTar.layer().file("etc/gone", "lower").file("etc/kept", "lower").dir("var/cache/apt")
                .file("var/cache/apt/pkg", "lower").tar());
        dirs.apply(TestTar.layer().file("etc/new", "upper").whiteout("etc/gone").whiteout("var/cache").whiteout("etc/new")
                .whiteout("etc/never-existed").tar());
        assertFalse(Files.exists(dirs.target.resolve("etc/gone")));
        assertFalse(Files.exists(dirs.target.resolve("var/cache")));
        assertEquals("lower", Files.readString(dirs.target.resolve("etc/kept")));
        assertEquals("upper", Files.readString(dirs.target.resolve("etc/new")), "a whiteout spares its own layer");
        assertFalse(Files.exists(dirs.target.resolve("etc/.wh.gone")));
    }

    @Test
    void opaqueDirectoryKeepsOnlyThisLayersEntriesWhateverTheirOrder() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        dirs.apply(TestTar.layer().file("opt/app/old", "lower").file("opt/app/sub/deep", "lower").file("opt/other", "lower").tar());
        dirs.apply(TestTar.layer().file("opt/app/before", "upper").dir("opt/app/sub").opaque("opt/app")
                .file("opt/app/after", "upper").tar());
        assertTrue(Files.exists(dirs.target.resolve("opt/app/before")));
        assertTrue(Files.exists(dirs.target.resolve("opt/app/after")));
        assertTrue(Files.isDirectory(dirs.target.resolve("opt/app/sub")));
        assertFalse(Files.exists(dirs.target.resolve("opt/app/sub/deep")), "lower content below a re-created dir is hidden");
        assertFalse(Files.exists(dirs.target.resolve("opt/app/old")));
        assertFalse(Files.exists(dirs.target.resolve("opt/app/.wh..wh..opq")));
        assertEquals("lower", Files.readString(dirs.target.resolve("opt/other")));
    }

    @Test
    void laterLayerRecreatesAWhitedOutPath() throws IOException {
        LayerDirs dirs = new LayerDirs(temp);
        dirs.apply(TestTar.layer().file("data/file", "one").tar());
        dirs.apply(TestTar.layer().whiteout("data").tar());
        dirs.apply(TestTar.layer().file("data/other", "three").tar());
        assertFalse(Files.exists(dirs.target.resolve("data/file")));
        assertEquals("three", Files.readString(dirs.target.resolve("data/other")));
    }
}
