package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullFromRegistryTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static TestImages.Built image;

    @BeforeAll
    static void seed() throws Exception {
        registry = new TestRegistry(Files.createDirectories(dir.resolve("registry")));
        image = TestImages.busybox(AMD64, "pull");
        registry.push("tools/busybox", "1.36", image);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    private ImagePuller puller(Path root) throws Exception {
        return new ImagePuller(RegistriesConfig.empty(), new ImageStore(root, new BlobStore(root)), AMD64);
    }

    @Test
    void pullsByTagWithLayersAndConfig(@TempDir Path root) throws Exception {
        Image pulled = puller(root).pull(registry.hostPort() + "/tools/busybox:1.36");

        assertEquals(registry.hostPort() + "/tools/busybox:1.36", pulled.name());
        assertEquals(image.manifestDigest(), pulled.manifestDigest());
        assertEquals(image.configDigest(), pulled.id());
        assertEquals(List.of(new Descriptor(MediaTypes.OCI_LAYER_GZIP, image.layerDigest(), image.layer().length)),
                pulled.layers());
        assertEquals(Compression.GZIP, pulled.layers().get(0).compression());
        ImageConfig config = pulled.config();
        assertEquals(List.of("PATH=/bin", "MARKER=pull"), config.env());
        assertEquals(List.of("/bin/sh"), config.entrypoint());
        assertEquals(List.of("-c", "echo hello"), config.cmd());
        assertEquals("/tmp", config.workingDir());
        assertEquals("1000:1000", config.user());
        assertEquals(Set.of("8080/tcp"), config.exposedPorts());
        BlobStore blobs = new BlobStore(root);
        assertArrayEquals(image.layer(), Files.readAllBytes(blobs.path(image.layerDigest())));
        assertEquals(pulled, new ImageStore(root, blobs).get(pulled.name()).orElseThrow());
    }

    @Test
    void pullsByDigest(@TempDir Path root) throws Exception {
        String reference = registry.hostPort() + "/tools/busybox@" + image.manifestDigest();

        Image pulled = puller(root).pull(reference);

        assertEquals(reference, pulled.name());
        assertEquals(image.manifestDigest(), pulled.digest());
        assertEquals(image.configDigest(), pulled.id());
    }

    @Test
    void pullPolicyNeverRefusesAnAbsentImageAndIfNotPresentReusesOne(@TempDir Path root) throws Exception {
        ImagePuller puller = puller(root);
        ImageReference reference = ImageReference.parse(registry.hostPort() + "/tools/busybox:1.36");

        ImageException absent = assertThrows(ImageException.class, () -> puller.ensure(reference, PullPolicy.NEVER));
        assertTrue(absent.getMessage().contains("Never"), absent.getMessage());
        Image pulled = puller.ensure(reference, PullPolicy.IF_NOT_PRESENT);
        assertEquals(pulled.manifestDigest(), puller.ensure(reference, PullPolicy.NEVER).manifestDigest());
        assertEquals(pulled.manifestDigest(), puller.ensure(reference, PullPolicy.ALWAYS).manifestDigest());
    }

    @Test
    void missingTagIsAClearError(@TempDir Path root) throws Exception {
        ImageException e = assertThrows(ImageException.class,
                () -> puller(root).pull(registry.hostPort() + "/tools/busybox:nope"));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertTrue(new ImageStore(root, new BlobStore(root)).list().isEmpty());
    }
}
