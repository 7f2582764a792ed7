package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentPullTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static RegistryProxy proxy;
    static TestImages.Built image;

    @BeforeAll
    static void seed() throws Exception {
        registry = new TestRegistry(Files.createDirectories(dir.resolve("registry")));
        image = TestImages.busybox(AMD64, "concurrent");
        registry.push("tools/busybox", "a", image);
        registry.push("tools/busybox", "b", image);
        proxy = new RegistryProxy(registry.url());
        proxy.blobDelayMillis = 300;
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        registry.close();
    }

    @Test
    void concurrentPullsOfOneImageAndOfTagsSharingBlobsDownloadEachBlobOnce(@TempDir Path root) throws Exception {
        ImagePuller puller = new ImagePuller(RegistriesConfig.empty(), new ImageStore(root, new BlobStore(root)),
                AMD64);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Image>> pulls = new ArrayList<>();
        try {
            for (String tag : List.of("a", "a", "a", "b", "b", "b")) {
                Callable<Image> pull = () -> {
                    start.await();
                    return puller.pull(proxy.hostPort() + "/tools/busybox:" + tag);
                };
                pulls.add(pool.submit(pull));
            }
            start.countDown();
            for (Future<Image> pull : pulls) {
                assertEquals(image.manifestDigest(), pull.get().manifestDigest());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, proxy.count("/v2/tools/busybox/blobs/" + image.layerDigest()));
        assertEquals(1, proxy.count("/v2/tools/busybox/blobs/" + image.configDigest()));
        assertEquals(1, proxy.count("/v2/tools/busybox/manifests/a"));
        assertEquals(1, proxy.count("/v2/tools/busybox/manifests/b"));
    }
}
