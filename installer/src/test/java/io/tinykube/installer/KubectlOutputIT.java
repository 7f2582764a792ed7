package io.tinykube.installer;

import static io.tinykube.installer.KubectlCreateIT.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What kubectl get prints: upstream's table columns, the output formats, get -w, explain. */
class KubectlOutputIT {

    @Test
    void tablesHaveUpstreamsColumns() throws Exception {
        SharedServer.nodes();
        String ns = SharedServer.namespace("table");
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2"));
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "run", "solo", "--image=busybox:1.36", "--", "sleep", "60"));
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "rollout", "status", "deployment/web", "--timeout=60s"));
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "wait", "--for=condition=Ready", "pod/solo", "--timeout=60s"));
        List<String> deployments = SharedServer.kubectl("1.33", "-n", ns, "get", "deployments", "-o", "wide").stdout().lines().toList();
        assertTrue(deployments.get(0).matches("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\s+CONTAINERS\\s+IMAGES\\s+SELECTOR"), deployments.get(0));
        assertTrue(deployments.get(1).matches("web\\s+2/2\\s+2\\s+2\\s+\\d+s\\s+nginx\\s+nginx:1\\.27\\s+app=web"), deployments.get(1));
        List<String> pods = SharedServer.kubectl("1.31", "-n", ns, "get", "pods").stdout().lines().toList();
        assertTrue(pods.get(0).matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE"), pods.get(0));
        assertTrue(pods.stream().anyMatch(line -> line.matches("solo\\s+1/1\\s+Running\\s+0\\s+\\d+s")), String.join("\n", pods));
        List<String> all = SharedServer.kubectl("1.33", "get", "pods", "-A", "--show-labels").stdout().lines().toList();
        assertTrue(all.stream().anyMatch(line -> line.matches(ns + "\\s+solo\\s+1/1\\s+Running\\s+0\\s+\\d+s\\s+run=solo")), String.join("\n", all));
    }

    @Test
    void outputFormatsShowTheObject() throws Exception {
        String ns = SharedServer.namespace("formats");
        assertOk(SharedServer.kubectl("1.32", "-n", ns, "create", "configmap", "cm", "--from-literal=key=value"));
        assertTrue(SharedServer.kubectl("1.32", "-n", ns, "get", "cm", "cm", "-o", "yaml").stdout().contains("  key: value"));
        assertTrue(SharedServer.kubectl("1.32", "-n", ns, "get", "cm", "cm", "-o", "json").stdout().contains("\"key\": \"value\""));
        assertEquals("configmap/cm", SharedServer.kubectl("1.32", "-n", ns, "get", "cm", "cm", "-o", "name").stdout().trim());
        assertEquals("value", SharedServer.kubectl("1.32", "-n", ns, "get", "cm", "cm", "-o", "jsonpath={.data.key}").stdout());
        List<String> sorted = SharedServer.kubectl("1.32", "-n", ns, "get", "cm", "--sort-by=.metadata.name").stdout().lines().toList();
        assertTrue(sorted.get(1).startsWith("cm ") && sorted.get(2).startsWith("kube-root-ca.crt"), String.join("\n", sorted));
    }

    @Test
    void getWatchPrintsRowsAsObjectsChange() throws Exception {
        String ns = SharedServer.namespace("getw");
        Path out = SharedServer.get().dataDir.resolve(ns + "-watch.txt");
        ProcessBuilder builder = new ProcessBuilder(Kubectl.binary("1.33").toString(), "--kubeconfig", SharedServer.get().kubeconfig.toString(),
                "-n", ns, "get", "configmaps", "-w", "--output-watch-events").redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("HOME", SharedServer.get().dataDir.toString());
        Process watch = builder.start();
        try {
            awaitContent(out, "kube-root-ca.crt");
            assertOk(SharedServer.kubectl("1.33", "-n", ns, "create", "configmap", "live"));
            awaitContent(out, "ADDED\\s+live\\s+0\\s+\\d+s");
            assertOk(SharedServer.kubectl("1.33", "-n", ns, "delete", "configmap", "live"));
            awaitContent(out, "DELETED\\s+live\\s+0\\s+\\d+s");
            String text = Files.readString(out);
            assertEquals(1, text.lines().filter(line -> line.matches("EVENT\\s+NAME\\s+DATA\\s+AGE")).count(), "one header: " + text);
        } finally {
            watch.destroy();
            watch.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitContent(Path file, String regex) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).lines().anyMatch(line -> pattern.matcher(line).find())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line matching " + regex + " in:\n" + (Files.exists(file) ? Files.readString(file) : "<nothing>"));
    }

    @Test
    void explainPrintsUpstreamsDescriptions() throws Exception {
        for (String version : Kubectl.VERSIONS) {
            Distribution.Result explain = SharedServer.kubectl(version, "explain", "deployment.spec.replicas");
            assertOk(explain);
            assertTrue(explain.stdout().contains("Number of desired pods. This is a pointer to distinguish between explicit"),
                    version + ": " + explain.stdout());
        }
    }
}
