package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fresh server makes its CA, certificates, token and kubeconfig, and kubectl connects with them. */
class ServerCredentialsIT {
    @TempDir
    static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void kubeconfigAndTokenAreWrittenPrivately() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.kubeconfig)));
        Path token = server.dataDir.resolve("server/token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertTrue(Files.readString(token).trim().matches("K10[0-9a-f]{64}::server:[0-9a-f]{32}"), Files.readString(token));
    }

    @Test
    void everyKubectlVersionConnectsAndSeesKubernetes133() throws Exception {
        for (String version : Kubectl.VERSIONS) {
            Distribution.Result result = Kubectl.run(version, server.kubeconfig, "version");
            assertEquals(0, result.exitCode(), "kubectl " + version + ": " + result.output());
            assertTrue(result.stdout().contains("Server Version: v1.33."), result.stdout());
        }
    }

    @Test
    void anonymousRequestsAreUnauthorizedExceptProbesAndVersion() throws Exception {
        var denied = server.get("/api");
        assertEquals(401, denied.statusCode());
        assertTrue(denied.body().contains("\"reason\":\"Unauthorized\""), denied.body());
        for (String open : new String[] {"/version", "/healthz", "/livez", "/readyz"}) {
            assertEquals(200, server.get(open).statusCode(), open);
        }
        assertTrue(server.get("/readyz?verbose").body().contains("readyz check passed"));
    }

    @Test
    void restartKeepsTheSameCertificateAuthorityAndToken() throws Exception {
        Path data = dir.resolve("restart");
        String ca;
        String token;
        try (RunningServer first = RunningServer.start(data)) {
            ca = Files.readString(data.resolve("server/tls/server-ca.crt"));
            token = Files.readString(data.resolve("server/token"));
        }
        try (RunningServer second = RunningServer.start(data)) {
            assertEquals(ca, Files.readString(data.resolve("server/tls/server-ca.crt")));
            assertEquals(token, Files.readString(data.resolve("server/token")));
            assertEquals(0, Kubectl.run("1.33", second.kubeconfig, "version").exitCode());
        }
    }
}
