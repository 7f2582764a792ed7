package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistriesConfigTest {
    private static final String YAML = """
            mirrors:
              docker.io:
                endpoint:
                  - "https://mirror.example.com:5000"
                  - "10.0.0.5:5000/v2"
                rewrite:
                  "^library/(.*)": "mirror/$1"
              "*":
                endpoint: ["http://127.0.0.1:5001"]
            configs:
              mirror.example.com:5000:
                auth: {username: alice, password: secret}
                tls: {ca_file: /etc/ssl/mirror-ca.pem, insecure_skip_verify: false}
              registry-1.docker.io:
                auth: {auth: "Ym9iOnB3"}
            """;

    @Test
    void mirrorsComeFirstThenTheRegistryItself() throws Exception {
        List<RegistryEndpoint> endpoints = RegistriesConfig.parse(YAML).endpoints("docker.io");
        assertEquals(List.of("https://mirror.example.com:5000/v2", "https://10.0.0.5:5000/v2",
                "https://registry-1.docker.io/v2"), endpoints.stream().map(e -> e.base().toString()).toList());
        assertEquals("alice", endpoints.get(0).config().auth().username());
        assertEquals(Path.of("/etc/ssl/mirror-ca.pem"), endpoints.get(0).config().tls().caFile());
        assertEquals("Ym9iOnB3", endpoints.get(2).config().auth().auth());
    }

    @Test
    void rewritesApplyToMirrorsOnly() throws Exception {
        List<RegistryEndpoint> endpoints = RegistriesConfig.parse(YAML).endpoints("docker.io");
        assertEquals("mirror/busybox", endpoints.get(0).repository("library/busybox"));
        assertEquals("rancher/pause", endpoints.get(0).repository("rancher/pause"));
        assertEquals("library/busybox", endpoints.get(2).repository("library/busybox"));
    }

    @Test
    void wildcardMirrorAndLoopbackDefaults() throws Exception {
        RegistriesConfig config = RegistriesConfig.parse(YAML);
        assertEquals(List.of("http://127.0.0.1:5001/v2", "https://quay.io/v2"),
                config.endpoints("quay.io").stream().map(e -> e.base().toString()).toList());
        assertEquals(List.of("http://localhost:5000/v2"), RegistriesConfig.empty().endpoints("localhost:5000")
                .stream().map(e -> e.base().toString()).toList());
        assertEquals(List.of("http://127.0.0.2:80/v2"), RegistriesConfig.empty().endpoints("127.0.0.2:80")
                .stream().map(e -> e.base().toString()).toList());
    }

    @Test
    void missingFileIsEmptyAndBadInputIsRefused(@TempDir Path dir) throws Exception {
        assertTrue(RegistriesConfig.load(dir.resolve("registries.yaml")).mirrors().isEmpty());
        assertThrows(ImageException.class, () -> RegistriesConfig.parse("mirrors: [unclosed"));
        assertThrows(ImageException.class, () -> RegistriesConfig.parse("mirrors:\n  x:\n    endpoint: [\"ftp://a\"]"));
        assertThrows(ImageException.class,
                () -> RegistriesConfig.parse("mirrors:\n  x:\n    endpoint: []\n    rewrite: {\"(\": \"a\"}"));
    }
}
