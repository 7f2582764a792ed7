package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryMirrorTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static TestImages.Built image;

    @BeforeAll
    static void seed() throws Exception {
        registry = new TestRegistry(Files.createDirectories(dir.resolve("registry")));
        image = TestImages.busybox(AMD64, "mirror");
        registry.push("mirror/busybox", "1.36", image);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    private static Image pull(Path root, String yaml, String reference) throws Exception {
        Path file = root.resolve("registries.yaml");
        Files.writeString(file, yaml);
        return new ImagePuller(RegistriesConfig.load(file), new ImageStore(root, new BlobStore(root)), AMD64)
                .pull(reference);
    }

    @Test
    void dockerHubImageComesFromTheMirrorUnderItsRewrittenName(@TempDir Path root) throws Exception {
        String yaml = """
                mirrors:
                  docker.io:
                    endpoint: ["http://%s"]
                    rewrite:
                      "^library/(.*)": "mirror/$1"
                """.formatted(registry.hostPort());

        Image pulled = pull(root, yaml, "busybox:1.36");

        assertEquals("docker.io/library/busybox:1.36", pulled.name());
        assertEquals(image.manifestDigest(), pulled.manifestDigest());
    }

    @Test
    void anUnreachableMirrorIsSkippedForTheNext(@TempDir Path root) throws Exception {
        String yaml = """
                mirrors:
                  registry.example.com:
                    endpoint: ["http://127.0.0.1:%d", "%s"]
                """.formatted(TestRegistry.freePort(), registry.hostPort());

        Image pulled = pull(root, yaml, "registry.example.com/mirror/busybox:1.36");

        assertEquals("registry.example.com/mirror/busybox:1.36", pulled.name());
        assertEquals(image.configDigest(), pulled.id());
    }
}
