package io.tinykube.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.layer.TestTar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlay snapshots: shared read-only layers, a private upper per container, clean removal. */
class OverlaySnapshotterTest {
    @TempDir
    Path root;
    SnapshotterFixture fixture;
    Snapshotter overlay;

    @BeforeEach
    void setUp() throws IOException {
        fixture = SnapshotterFixture.overlay(root);
        overlay = fixture.snapshotter;
    }

    @AfterEach
    void tearDown() throws IOException {
        fixture.close();
    }

    private Path layerDir(LayerBlob blob) {
        return root.resolve("layers").resolve(blob.digest().replace(':', '/'));
    }

    @Test
    void containersOfOneImageShareLowerLayersButNotWrites() throws IOException {
        TestImage image = TestImage.of(TestTar.layer().file("etc/os-release", "busybox"), TestTar.layer().file("app", "v1"));
        Snapshot first = overlay.prepare("first", image.layers);
        Snapshot second = overlay.prepare("second", image.layers);
        assertEquals(2, image.opens.get(), "each layer unpacked once");
        assertEquals(layerDir(image.layers.get(0)), Files.readSymbolicLink(root.resolve("snapshots/first/lower/0")));
        assertEquals(layerDir(image.layers.get(0)), Files.readSymbolicLink(root.resolve("snapshots/second/lower/0")));

        Files.writeString(first.rootfs().resolve("app"), "changed");
        Files.writeString(first.rootfs().resolve("new"), "only in first");
        Files.delete(first.rootfs().resolve("etc/os-release"));

        assertEquals("v1", Files.readString(second.rootfs().resolve("app")));
        assertFalse(Files.exists(second.rootfs().resolve("new")));
        assertEquals("busybox", Files.readString(second.rootfs().resolve("etc/os-release")));
        assertEquals("v1", Files.readString(layerDir(image.layers.get(1)).resolve("app")), "lower layers stay read-only");
        assertEquals("busybox", Files.readString(layerDir(image.layers.get(0)).resolve("etc/os-release")));
    }

    @Test
    void whiteoutInAnUpperLayerHidesTheLowerFile() throws IOException {
        TestImage image = TestImage.of(TestTar.layer().file("etc/secret", "s").file("etc/keep", "k").file("opt/a/old", "o"),
                TestTar.layer().whiteout("etc/secret").opaque("opt/a").file("opt/a/new", "n"));
        Snapshot snapshot = overlay.prepare("c", image.layers);
        assertFalse(Files.exists(snapshot.rootfs().resolve("etc/secret")));
        assertTrue(Files.exists(snapshot.rootfs().resolve("etc/keep")));
        assertFalse(Files.exists(snapshot.rootfs().resolve("opt/a/old")));
        assertTrue(Files.exists(snapshot.rootfs().resolve("opt/a/new")));
    }

    @Test
    void removalUnmountsAndDeletesLayersNoSnapshotUses() throws IOException {
        TestImage base = TestImage.of(TestTar.layer().file("base", "b"));
        TestImage app = TestImage.of(TestTar.layer().file("base", "b"), TestTar.layer().file("app", "a"));
        Snapshot first = overlay.prepare("first", app.layers);
        overlay.prepare("second", base.layers);

        overlay.remove("first");
        assertFalse(new UtilLinuxMounter().isMounted(first.rootfs()));
        assertFalse(Files.exists(root.resolve("snapshots/first")));
        assertFalse(Files.exists(layerDir(app.layers.get(1))), "the app layer was used by first only");
        assertTrue(Files.exists(layerDir(base.layers.get(0))), "second still uses the base layer");

        overlay.remove("second");
        overlay.remove("second");
        assertFalse(TestImage.mountedUnder(root), "no mount left in /proc/self/mountinfo");
        try (Stream<Path> left = Files.list(root.resolve("layers/sha256"))) {
            assertEquals(0, left.count());
        }
        assertEquals(List.of(), overlay.list());
    }

    @Test
    void manyLayersMount() throws IOException {
        List<TestTar> tars = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tars.add(TestTar.layer().file("layer-" + i, Integer.toString(i)).file("top", Integer.toString(i)));
        }
        Snapshot snapshot = overlay.prepare("tall", TestImage.of(tars.toArray(TestTar[]::new)).layers);
        assertEquals("0", Files.readString(snapshot.rootfs().resolve("layer-0")));
        assertEquals("39", Files.readString(snapshot.rootfs().resolve("layer-39")));
        assertEquals("39", Files.readString(snapshot.rootfs().resolve("top")));
    }

    @Test
    void prepareMountsAnExistingSnapshotAgainKeepingItsWrites() throws IOException {
        TestImage image = TestImage.of(TestTar.layer().file("f", "x"));
        Snapshot snapshot = overlay.prepare("c", image.layers);
        Files.writeString(snapshot.rootfs().resolve("written"), "kept");
        new UtilLinuxMounter().unmount(snapshot.rootfs());

        Snapshotter afterRestart = SnapshotterFixture.overlay(root).snapshotter;
        assertEquals(snapshot, afterRestart.find("c").orElseThrow());
        Snapshot again = afterRestart.prepare("c", image.layers);
        assertEquals("kept", Files.readString(again.rootfs().resolve("written")));
        assertEquals(1, image.opens.get());
    }
}
