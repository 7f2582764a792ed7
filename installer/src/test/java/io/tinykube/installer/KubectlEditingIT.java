package io.tinykube.installer;

import static io.tinykube.installer.KubectlCreateIT.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** label, annotate, patch in its three types, scale, replace with a stale resourceVersion. */
class KubectlEditingIT {

    @Test
    void labelAndAnnotateAndSelectorsWorkTogether() throws Exception {
        String ns = SharedServer.namespace("label");
        assertOk(SharedServer.kubectl("1.31", "-n", ns, "create", "configmap", "one"));
        assertOk(SharedServer.kubectl("1.31", "-n", ns, "create", "configmap", "two"));
        assertOk(SharedServer.kubectl("1.32", "-n", ns, "label", "configmap", "one", "tier=web"));
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "annotate", "configmap", "one", "owner=ops"));
        assertEquals("configmap/one", SharedServer.kubectl("1.33", "-n", ns, "get", "configmaps", "-l", "tier=web", "-o", "name").stdout().trim());
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "label", "configmap", "one", "tier-"));
        assertEquals("", SharedServer.kubectl("1.33", "-n", ns, "get", "configmaps", "-l", "tier", "-o", "name").stdout().trim());
        assertEquals("ops", SharedServer.kubectl("1.33", "-n", ns, "get", "configmap", "one", "-o", "jsonpath={.metadata.annotations.owner}").stdout());
    }

    @Test
    void patchInEachTypeChangesWhatItSays() throws Exception {
        String ns = SharedServer.namespace("patch");
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "create", "deployment", "web", "--image=nginx:1.26"));
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "patch", "deployment", "web", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.27\"}]}}}}"));
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "patch", "deployment", "web", "--type=merge", "-p", "{\"spec\":{\"replicas\":4}}"));
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "patch", "deployment", "web", "--type=json", "-p",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/patched\",\"value\":\"yes\"}]"));
        Distribution.Result state = SharedServer.kubectl("1.33", "-n", ns, "get", "deployment", "web", "-o",
                "jsonpath={.spec.template.spec.containers[*].image} {.spec.replicas} {.metadata.labels.patched}");
        assertEquals("nginx:1.27 4 yes", state.stdout(), "strategic merge keeps one container by name: " + state.output());
        Distribution.Result failedTest = SharedServer.kubectl("1.33", "-n", ns, "patch", "deployment", "web", "--type=json", "-p",
                "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":9}]");
        assertTrue(failedTest.exitCode() != 0);
        assertTrue(failedTest.stderr().contains("the server rejected our request due to an error in our request"), failedTest.stderr());
    }

    @Test
    void scaleAndSetImageGoThroughTheirSubresourcesAndPatches() throws Exception {
        String ns = SharedServer.namespace("scale");
        assertOk(SharedServer.kubectl("1.32", "-n", ns, "create", "deployment", "web", "--image=nginx:1.26"));
        assertOk(SharedServer.kubectl("1.32", "-n", ns, "scale", "deployment", "web", "--replicas=3"));
        assertOk(SharedServer.kubectl("1.32", "-n", ns, "set", "image", "deployment/web", "nginx=nginx:1.27"));
        assertEquals("3 nginx:1.27", SharedServer.kubectl("1.32", "-n", ns, "get", "deployment", "web", "-o",
                "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}").stdout());
    }

    @Test
    void replaceWithAStaleResourceVersionIsRefused() throws Exception {
        String ns = SharedServer.namespace("replace");
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "create", "configmap", "cm", "--from-literal=v=1"));
        String stale = SharedServer.kubectl("1.33", "-n", ns, "get", "configmap", "cm", "-o", "yaml").stdout();
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "patch", "configmap", "cm", "--type=merge", "-p", "{\"data\":{\"v\":\"2\"}}"));
        Path file = SharedServer.get().dataDir.resolve(ns + "-stale.yaml");
        Files.writeString(file, stale.replace("v: \"1\"", "v: \"3\""));
        Distribution.Result replaced = SharedServer.kubectl("1.33", "-n", ns, "replace", "-f", file.toString());
        assertTrue(replaced.exitCode() != 0);
        assertTrue(replaced.stderr().contains("Operation cannot be fulfilled on configmaps \"cm\": the object has been modified; "
                + "please apply your changes to the latest version and try again"), replaced.stderr());
        assertEquals("2", SharedServer.kubectl("1.33", "-n", ns, "get", "configmap", "cm", "-o", "jsonpath={.data.v}").stdout());
    }
}
