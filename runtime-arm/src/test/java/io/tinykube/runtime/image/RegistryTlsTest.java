package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS registry whose certificate is signed by nothing the system trusts: trusted through tls.ca_file. */
class RegistryTlsTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static RegistryProxy https;
    static TestImages.Built image;
    static Path certificate;

    @BeforeAll
    static void seed() throws Exception {
        registry = new TestRegistry(Files.createDirectories(dir.resolve("registry")));
        image = TestImages.busybox(AMD64, "tls");
        registry.push("secure/busybox", "1", image);
        Path keystore = dir.resolve("server.p12");
        certificate = dir.resolve("server.pem");
        run("keytool", "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "changeit");
        run("keytool", "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass",
                "changeit", "-file", certificate.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        https = new RegistryProxy(registry.url(), tls);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        https.close();
        registry.close();
    }

    private static Image pull(Path root, String tls) throws Exception {
        String yaml = """
                mirrors:
                  "%s":
                    endpoint: ["https://%s"]
                configs:
                  "%s":
                    tls: %s
                """.formatted(https.hostPort(), https.hostPort(), https.hostPort(), tls);
        return new ImagePuller(RegistriesConfig.parse(yaml), new ImageStore(root, new BlobStore(root)), AMD64)
                .pull(https.hostPort() + "/secure/busybox:1");
    }

    @Test
    void extraCaFromTheConfigIsTrusted(@TempDir Path root) throws Exception {
        assertEquals(image.manifestDigest(), pull(root, "{ca_file: \"" + certificate + "\"}").manifestDigest());
    }

    @Test
    void untrustedCertificateIsRefusedUnlessVerificationIsSkipped(@TempDir Path root) throws Exception {
        // A loopback registry's own fallback endpoint is plain HTTP, which a TLS server does not answer either.
        assertThrows(ImageException.class, () -> pull(root, "{}"));
        assertEquals(image.configDigest(), pull(root, "{insecure_skip_verify: true}").id());
    }
}
