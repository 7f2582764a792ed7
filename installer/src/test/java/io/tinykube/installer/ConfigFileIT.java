package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file takes the flags' names as keys; the command line wins over it. */
class ConfigFileIT {
    @TempDir
    Path dir;

    @Test
    void unknownKeyFailsNamingItAndTheFile() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "https-port: 7443\nno-such-key: true\n");
        Distribution.Result result = Distribution.run("server", "--config", config.toString());
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("unknown key 'no-such-key'") && result.stderr().contains(config.toString()), result.stderr());
    }

    @Test
    void malformedConfigFileIsRefusedClearly() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "https-port: [unclosed\n");
        Distribution.Result result = Distribution.run("server", "--config", config.toString());
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("cannot read config file " + config), result.stderr());
    }

    @Test
    void keysConfigureTheServerAndFlagsOverrideThem() throws Exception {
        int port = RunningServer.freePort();
        Path data = dir.resolve("data");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                data-dir: %s
                https-port: %d
                write-kubeconfig: /nonexistent/overridden/by/the/flag
                disable-agent: true
                tls-san:
                  - board.example
                """.formatted(data, port));
        List<String> command = List.of(Distribution.LAUNCHER.toString(), "server", "--config", config.toString(),
                "--write-kubeconfig", data.resolve("kubeconfig.yaml").toString());
        try (RunningServer server = RunningServer.launch(data, port, command)) {
            assertEquals(200, server.get("/version").statusCode());
            Distribution.Result version = Kubectl.run("1.33", server.kubeconfig, "version", "-o", "json");
            assertEquals(0, version.exitCode(), version.output());
            String serving = Files.readString(data.resolve("server/tls/serving.crt"));
            assertTrue(certificateNames(data.resolve("server/tls/serving.crt")).contains("board.example"), serving);
        }
    }

    private static List<String> certificateNames(Path crt) throws Exception {
        try (var in = Files.newInputStream(crt)) {
            var certificate = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
            return certificate.getSubjectAlternativeNames().stream().map(entry -> String.valueOf(entry.get(1))).toList();
        }
    }
}
