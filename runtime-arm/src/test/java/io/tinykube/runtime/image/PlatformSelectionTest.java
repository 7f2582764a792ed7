package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformSelectionTest {
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static TestImages.Built amd64;
    static TestImages.Built arm64;
    static String indexDigest;

    @BeforeAll
    static void seed() throws Exception {
        registry = new TestRegistry(Files.createDirectories(dir.resolve("registry")));
        amd64 = TestImages.busybox(Platform.parse("linux/amd64"), "amd64");
        arm64 = TestImages.busybox(Platform.parse("linux/arm64"), "arm64");
        indexDigest = registry.pushIndex("multi/busybox", "1.36", List.of(amd64, arm64));
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    private Image pull(Path root, String platform, String reference) throws Exception {
        return new ImagePuller(RegistriesConfig.empty(), new ImageStore(root, new BlobStore(root)),
                Platform.parse(platform)).pull(registry.hostPort() + reference);
    }

    @Test
    void amd64MachineGetsTheAmd64Manifest(@TempDir Path root) throws Exception {
        Image image = pull(root, "linux/amd64", "/multi/busybox:1.36");
        assertEquals(indexDigest, image.digest());
        assertEquals(amd64.manifestDigest(), image.manifestDigest());
        assertEquals("amd64", image.config().architecture());
    }

    @Test
    void arm64MachineGetsTheArm64ManifestAlsoWhenPulledByIndexDigest(@TempDir Path root) throws Exception {
        Image image = pull(root, "linux/arm64", "/multi/busybox@" + indexDigest);
        assertEquals(arm64.manifestDigest(), image.manifestDigest());
        assertEquals(List.of("PATH=/bin", "MARKER=arm64"), image.config().env());
    }

    @Test
    void armV7MachineFindsNoManifestItCanRun(@TempDir Path root) {
        ImageException e = assertThrows(ImageException.class, () -> pull(root, "linux/arm/v7", "/multi/busybox:1.36"));
        assertTrue(e.getMessage().contains("no manifest for linux/arm/v7"), e.getMessage());
    }
}
