package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Typed create commands (protobuf bodies from kubectl 1.32 on) and create -f work with every kubectl. */
class KubectlCreateIT {

    @Test
    void typedCreateCommandsWorkWithEveryKubectl() throws Exception {
        for (String version : Kubectl.VERSIONS) {
            String ns = "typed-" + version.replace(".", "");
            assertOk(SharedServer.kubectl(version, "create", "namespace", ns));
            assertOk(SharedServer.kubectl(version, "-n", ns, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2"));
            assertOk(SharedServer.kubectl(version, "-n", ns, "create", "configmap", "settings", "--from-literal=mode=fast"));
            assertOk(SharedServer.kubectl(version, "-n", ns, "create", "secret", "generic", "pw", "--from-literal=password=s3cr3t"));
            Distribution.Result replicas = SharedServer.kubectl(version, "-n", ns, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}");
            assertEquals("2", replicas.stdout(), version + ": " + replicas.output());
            Distribution.Result secret = SharedServer.kubectl(version, "-n", ns, "get", "secret", "pw", "-o", "jsonpath={.data.password}");
            assertEquals(java.util.Base64.getEncoder().encodeToString("s3cr3t".getBytes()), secret.stdout(), secret.output());
        }
    }

    @Test
    void createFromFileValidatesFieldsStrictly() throws Exception {
        String ns = SharedServer.namespace("createf");
        java.nio.file.Path manifest = SharedServer.get().dataDir.resolve(ns + ".yaml");
        java.nio.file.Files.writeString(manifest, """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: strict
                data:
                  a: b
                spec:
                  unknown: true
                """);
        Distribution.Result strict = SharedServer.kubectl("1.33", "-n", ns, "create", "-f", manifest.toString());
        assertTrue(strict.exitCode() != 0, strict.output());
        assertTrue(strict.stderr().contains("strict decoding error: unknown field \"spec\""), strict.stderr());
        Distribution.Result warned = SharedServer.kubectl("1.33", "-n", ns, "create", "-f", manifest.toString(), "--validate=warn");
        assertOk(warned);
        assertTrue(warned.stderr().contains("unknown field \"spec\""), warned.stderr());
        Distribution.Result stored = SharedServer.kubectl("1.33", "-n", ns, "get", "configmap", "strict", "-o", "json");
        assertTrue(!stored.stdout().contains("\"spec\""), "unknown fields are dropped: " + stored.stdout());
    }

    @Test
    void serverSideDryRunWritesNothing() throws Exception {
        String ns = SharedServer.namespace("dryrun");
        Distribution.Result dry = SharedServer.kubectl("1.32", "-n", ns, "create", "configmap", "ghost", "--dry-run=server");
        assertOk(dry);
        assertTrue(dry.stdout().contains("configmap/ghost created (server dry run)"), dry.stdout());
        Distribution.Result get = SharedServer.kubectl("1.32", "-n", ns, "get", "configmap", "ghost");
        assertTrue(get.stderr().contains("configmaps \"ghost\" not found"), get.output());
    }

    static void assertOk(Distribution.Result result) {
        assertEquals(0, result.exitCode(), result.output());
    }
}
