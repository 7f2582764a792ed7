package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestVerificationTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static RegistryProxy proxy;
    static TestImages.Built tampered;
    static TestImages.Built intact;
    static String indexDigest;

    @BeforeAll
    static void seed() throws Exception {
        registry = new TestRegistry(Files.createDirectories(dir.resolve("registry")));
        tampered = TestImages.busybox(AMD64, "tampered");
        registry.push("bad/layer", "1", tampered);
        byte[] data = Files.readAllBytes(registry.blobData(tampered.layerDigest()));
        data[data.length / 2] ^= 0x55;
        Files.write(registry.blobData(tampered.layerDigest()), data);
        intact = TestImages.busybox(AMD64, "intact");
        indexDigest = registry.pushIndex("good/image", "1", List.of(intact));
        proxy = new RegistryProxy(registry.url());
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        registry.close();
    }

    private static ImagePuller puller(Path root) throws Exception {
        return new ImagePuller(RegistriesConfig.empty(), new ImageStore(root, new BlobStore(root)), AMD64);
    }

    @Test
    void tamperedLayerIsRefusedAndNeverStored(@TempDir Path root) throws Exception {
        assertThrows(DigestMismatchException.class, () -> puller(root).pull(registry.hostPort() + "/bad/layer:1"));

        BlobStore blobs = new BlobStore(root);
        assertFalse(blobs.contains(tampered.layerDigest()));
        assertFalse(Files.exists(blobs.partialPath(tampered.layerDigest())));
        assertTrue(new ImageStore(root, blobs).list().isEmpty());
    }

    @Test
    void manifestThatDoesNotMatchTheDigestPulledByIsRefused(@TempDir Path root) throws Exception {
        proxy.filter = (path, body) -> path.contains("/manifests/")
                ? (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8) : body;
        try {
            assertThrows(DigestMismatchException.class,
                    () -> puller(root).pull(proxy.hostPort() + "/good/image@" + intact.manifestDigest()));
            // Pulled by tag, the index is taken as served, but the manifest it points to must match its entry.
            assertThrows(DigestMismatchException.class, () -> puller(root).pull(proxy.hostPort() + "/good/image:1"));
        } finally {
            proxy.filter = (path, body) -> body;
        }
        try (Stream<Path> blobs = Files.list(root.resolve("blobs/sha256"))) {
            assertTrue(blobs.findAny().isEmpty());
        }
    }

    @Test
    void blobStoreRefusesContentUnderAnotherDigest(@TempDir Path root) throws Exception {
        BlobStore blobs = new BlobStore(root);
        String digest = Digests.of("right".getBytes(StandardCharsets.UTF_8));
        assertThrows(DigestMismatchException.class, () -> blobs.put(digest, "wrong".getBytes(StandardCharsets.UTF_8)));
        assertFalse(blobs.contains(digest));
        assertThrows(ImageException.class, () -> blobs.path("sha256:../../etc/passwd"));
    }
}
