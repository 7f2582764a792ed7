package io.tinykube.installer;

import static io.tinykube.installer.KubectlCreateIT.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** kubectl apply, client-side (three-way strategic merge) and server-side (field ownership and conflicts). */
class KubectlApplyIT {

    private static Path manifest(String ns, String labels, int replicas, String image) throws Exception {
        Path file = SharedServer.get().dataDir.resolve(ns + "-deploy.yaml");
        Files.writeString(file, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                  labels: {%s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: app}}
                  template:
                    metadata: {labels: {app: app}}
                    spec:
                      containers:
                      - name: main
                        image: %s
                """.formatted(labels, replicas, image));
        return file;
    }

    @Test
    void clientSideApplyRemovesWhatTheManifestNoLongerHas() throws Exception {
        for (String version : Kubectl.VERSIONS) {
            String ns = SharedServer.namespace("csa");
            assertOk(SharedServer.kubectl(version, "-n", ns, "apply", "-f", manifest(ns, "team: a, temporary: \"true\"", 1, "busybox:1.36").toString()));
            Path changed = manifest(ns, "team: a", 1, "busybox:1.37");
            Distribution.Result diff = SharedServer.kubectl(version, "-n", ns, "diff", "-f", changed.toString());
            assertEquals(1, diff.exitCode(), "diff exits 1 when there are differences: " + diff.output());
            assertTrue(diff.stdout().lines().anyMatch(line -> line.matches("-\\s+(- )?image: busybox:1\\.36"))
                    && diff.stdout().lines().anyMatch(line -> line.matches("\\+\\s+(- )?image: busybox:1\\.37")), diff.stdout());
            Distribution.Result applied = SharedServer.kubectl(version, "-n", ns, "apply", "-f", changed.toString());
            assertOk(applied);
            assertTrue(applied.stdout().contains("deployment.apps/app configured"), applied.stdout());
            Distribution.Result labels = SharedServer.kubectl(version, "-n", ns, "get", "deployment", "app", "-o",
                    "jsonpath={.metadata.labels} {.spec.template.spec.containers[0].image} {.metadata.generation}");
            assertEquals("{\"team\":\"a\"} busybox:1.37 2", labels.stdout(), version);
            Distribution.Result again = SharedServer.kubectl(version, "-n", ns, "apply", "-f", changed.toString());
            assertTrue(again.stdout().contains("deployment.apps/app unchanged"), again.output());
        }
    }

    @Test
    void serverSideApplyConflictsWithAnotherManagerUntilForced() throws Exception {
        String ns = SharedServer.namespace("ssa");
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "apply", "--server-side", "-f", manifest(ns, "team: a", 2, "busybox:1.36").toString()));
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "scale", "deployment", "app", "--replicas=5"));
        Path wants3 = manifest(ns, "team: a", 3, "busybox:1.36");
        Distribution.Result conflict = SharedServer.kubectl("1.33", "-n", ns, "apply", "--server-side", "-f", wants3.toString());
        assertTrue(conflict.exitCode() != 0);
        // kubectl scale sends no fieldManager, so the manager is the User-Agent's product name, here the binary's.
        assertTrue(conflict.stderr().contains("Apply failed with 1 conflict: conflict with \"kubectl.1.33\" with subresource \"scale\" "
                + "using apps/v1: .spec.replicas"), conflict.stderr());
        assertEquals("5", SharedServer.kubectl("1.33", "-n", ns, "get", "deployment", "app", "-o", "jsonpath={.spec.replicas}").stdout());
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "apply", "--server-side", "--force-conflicts", "-f", wants3.toString()));
        assertEquals("3", SharedServer.kubectl("1.33", "-n", ns, "get", "deployment", "app", "-o", "jsonpath={.spec.replicas}").stdout());
        Distribution.Result managers = SharedServer.kubectl("1.33", "-n", ns, "get", "deployment", "app", "--show-managed-fields", "-o",
                "jsonpath={.metadata.managedFields[*].manager}");
        assertTrue(managers.stdout().contains("kubectl"), managers.output());
    }

    @Test
    void serverSideApplyCreatesAMissingObject() throws Exception {
        String ns = SharedServer.namespace("ssacreate");
        Distribution.Result created = SharedServer.kubectl("1.32", "-n", ns, "apply", "--server-side", "-f",
                manifest(ns, "team: b", 1, "busybox:1.36").toString());
        assertOk(created);
        assertTrue(created.stdout().contains("deployment.apps/app serverside-applied"), created.stdout());
    }
}
