package io.tinykube.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy fallback shows exactly the tree the overlay mount shows. */
class SnapshotterEquivalenceTest {
    @TempDir
    Path overlayRoot;
    @TempDir
    Path copyRoot;

    @Test
    void copyAndOverlayGiveTheSameTreeForAThreeLayerImage() throws IOException {
        TestImage image = TestImage.threeLayers();
        try (SnapshotterFixture overlay = SnapshotterFixture.overlay(overlayRoot);
                SnapshotterFixture copy = SnapshotterFixture.copy(copyRoot)) {
            TreeMap<String, String> viaOverlay = TestImage.listing(overlay.snapshotter.prepare("c", image.layers).rootfs());
            TreeMap<String, String> viaCopy = TestImage.listing(copy.snapshotter.prepare("c", image.layers).rootfs());
            assertEquals(viaCopy, viaOverlay);
            assertEquals("100644 10.0.0.1", viaCopy.get("/etc/hosts"));
            assertEquals(null, viaCopy.get("/var/cache"));
            assertEquals(null, viaCopy.get("/opt/app/v1"));
            assertEquals(null, viaCopy.get("/tmp/kept"));
            assertEquals("104755 tool2", viaCopy.get("/usr/bin/tool-link"));
            assertEquals("100644 d", viaCopy.get("/replaced/now-dir"));
        }
    }
}
