package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGarbageCollectionTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    @TempDir
    Path root;
    BlobStore blobs;
    ImageStore images;
    TestImages.Built oldest;
    TestImages.Built middle;
    TestImages.Built newest;

    /** A disk holding the blob store and {@code otherBytes} of other files. */
    private final class FakeDisk implements DiskUsage {
        long capacity;
        long otherBytes;

        @Override
        public long capacityBytes() {
            return capacity;
        }

        @Override
        public long availableBytes() throws IOException {
            return capacity - otherBytes - storeBytes();
        }
    }

    private long storeBytes() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("blobs/sha256"))) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private void store(String name, TestImages.Built image) throws Exception {
        blobs.put(image.layerDigest(), image.layer());
        blobs.put(image.configDigest(), image.config());
        blobs.put(image.manifestDigest(), image.manifest());
        images.put(name, image.manifestDigest(), image.manifestDigest());
        Thread.sleep(5);
    }

    @BeforeEach
    void storeThreeImages() throws Exception {
        blobs = new BlobStore(root);
        images = new ImageStore(root, blobs);
        oldest = TestImages.busybox(AMD64, "oldest");
        middle = TestImages.busybox(AMD64, "middle");
        newest = TestImages.busybox(AMD64, "newest");
        store("docker.io/library/oldest:1", oldest);
        store("docker.io/library/middle:1", middle);
        store("docker.io/library/newest:1", newest);
        store("docker.io/library/newest:alias", newest);
    }

    @Test
    void removesLeastRecentlyUsedImagesNotInUseUntilBelowTheLowThreshold() throws Exception {
        FakeDisk disk = new FakeDisk();
        disk.capacity = storeBytes() * 100 / 90;

        ImageGarbageCollector.Result result = new ImageGarbageCollector(images, disk,
                ImageGarbageCollector.Thresholds.KUBELET_DEFAULT).collect(Set.of("docker.io/library/oldest:1"));

        assertEquals(List.of("docker.io/library/middle:1"), result.removedImages());
        assertTrue(result.freedBytes() >= middle.layer().length);
        assertFalse(blobs.contains(middle.layerDigest()));
        assertTrue(blobs.contains(oldest.layerDigest()));
        assertTrue(blobs.contains(newest.layerDigest()));
        assertEquals(3, images.list().size());
    }

    @Test
    void inUseByImageIdAndBlobsSharedWithKeptImagesStay() throws Exception {
        FakeDisk disk = new FakeDisk();
        disk.capacity = storeBytes() * 10;
        disk.otherBytes = storeBytes() * 9;

        ImageGarbageCollector.Result result = new ImageGarbageCollector(images, disk,
                ImageGarbageCollector.Thresholds.KUBELET_DEFAULT).collect(Set.of(oldest.configDigest()));

        // The disk stays full whatever goes: every unused image goes; the alias of newest goes too, and only then are newest's blobs freed.
        assertEquals(Set.of("docker.io/library/middle:1", "docker.io/library/newest:1",
                "docker.io/library/newest:alias"), Set.copyOf(result.removedImages()));
        assertEquals(List.of("docker.io/library/oldest:1"), images.list().stream().map(Image::name).toList());
        assertTrue(blobs.contains(oldest.layerDigest()));
        assertFalse(blobs.contains(newest.layerDigest()));
    }

    @Test
    void nothingHappensBelowTheHighThreshold() throws Exception {
        FakeDisk disk = new FakeDisk();
        disk.capacity = storeBytes() * 100 / 84;

        ImageGarbageCollector.Result result = new ImageGarbageCollector(images, disk,
                ImageGarbageCollector.Thresholds.KUBELET_DEFAULT).collect(Set.of());

        assertEquals(List.of(), result.removedImages());
        assertEquals(4, images.list().size());
    }
}
