package io.tinykube.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.layer.LayerException;
import io.tinykube.runtime.layer.TestTar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy fallback: each container gets the layers applied in order into a directory of its own. */
class CopySnapshotterTest {
    @TempDir
    Path root;

    @Test
    void whiteoutInAnUpperLayerHidesTheLowerFileAndCopiesAreIndependent() throws IOException {
        try (SnapshotterFixture fixture = SnapshotterFixture.copy(root)) {
            TestImage image = TestImage.of(TestTar.layer().file("etc/secret", "s").file("etc/keep", "k"),
                    TestTar.layer().whiteout("etc/secret"));
            Snapshot first = fixture.snapshotter.prepare("first", image.layers);
            Snapshot second = fixture.snapshotter.prepare("second", image.layers);
            assertFalse(Files.exists(first.rootfs().resolve("etc/secret")));
            Files.writeString(first.rootfs().resolve("etc/keep"), "changed");
            assertEquals("k", Files.readString(second.rootfs().resolve("etc/keep")));
            assertEquals(first, fixture.snapshotter.prepare("first", image.layers), "prepare again returns it as it is");

            fixture.snapshotter.remove("first");
            assertFalse(Files.exists(root.resolve("snapshots/first")));
            assertEquals(List.of(second), fixture.snapshotter.list());
        }
    }

    @Test
    void failedLayerLeavesNoSnapshot() throws IOException {
        try (SnapshotterFixture fixture = SnapshotterFixture.copy(root)) {
            TestImage image = TestImage.of(TestTar.layer().file("ok", "x"), TestTar.layer().file("../../escape", "x"));
            assertThrows(LayerException.class, () -> fixture.snapshotter.prepare("c", image.layers));
            assertTrue(fixture.snapshotter.find("c").isEmpty());
            try (Stream<Path> left = Files.list(root.resolve("snapshots"))) {
                assertEquals(0, left.count());
            }
        }
    }
}
