package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumableDownloadTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static RegistryProxy proxy;
    static TestImages.Built image;

    @BeforeAll
    static void seed() throws Exception {
        registry = new TestRegistry(Files.createDirectories(dir.resolve("registry")));
        image = TestImages.busybox(AMD64, "resume");
        registry.push("tools/busybox", "1", image);
        proxy = new RegistryProxy(registry.url());
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        registry.close();
    }

    @Test
    void interruptedLayerDownloadResumesWithARangeFromThePartialFile(@TempDir Path root) throws Exception {
        String layerPath = "/v2/tools/busybox/blobs/" + image.layerDigest();
        proxy.cutShortOnce = layerPath;

        Image pulled = new ImagePuller(RegistriesConfig.empty(), new ImageStore(root, new BlobStore(root)), AMD64)
                .pull(proxy.hostPort() + "/tools/busybox:1");

        assertEquals(2, proxy.count(layerPath));
        assertEquals(1, proxy.rangeHeaders.size(), proxy.rangeHeaders.toString());
        String range = proxy.rangeHeaders.get(0);
        assertTrue(range.matches("bytes=[1-9][0-9]*-"), range);
        long resumedAt = Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
        assertTrue(resumedAt < image.layer().length, range);
        BlobStore blobs = new BlobStore(root);
        assertArrayEquals(image.layer(), Files.readAllBytes(blobs.path(image.layerDigest())));
        assertEquals(List.of(image.layerDigest()), pulled.layers().stream().map(Descriptor::digest).toList());
        assertTrue(Files.notExists(blobs.partialPath(image.layerDigest())));
    }
}
