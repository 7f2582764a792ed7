package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The system namespaces exist from the start; a namespace is emptied before it goes; every namespace gets its defaults. */
class NamespaceLifecycleIT {

    @Test
    void systemNamespacesAndPriorityClassesExistFromTheStart() throws Exception {
        Distribution.Result namespaces = SharedServer.kubectl("1.33", "get", "namespaces", "-o", "name");
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            assertTrue(namespaces.stdout().lines().anyMatch(("namespace/" + ns)::equals), namespaces.output());
        }
        Distribution.Result classes = SharedServer.kubectl("1.33", "get", "priorityclasses", "-o", "name");
        assertTrue(classes.stdout().contains("priorityclass.scheduling.k8s.io/system-node-critical"), classes.output());
    }

    @Test
    void newNamespaceGetsDefaultServiceAccountAndRootCa() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("defaults");
        assertNotNull(client.serviceAccounts().inNamespace(ns).withName("default").waitUntilCondition(sa -> sa != null,
                30, java.util.concurrent.TimeUnit.SECONDS));
        var rootCa = client.configMaps().inNamespace(ns).withName("kube-root-ca.crt").waitUntilCondition(cm -> cm != null,
                30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(rootCa.getData().get("ca.crt").startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals("Active", client.namespaces().withName(ns).get().getStatus().getPhase());
        assertEquals(ns, client.namespaces().withName(ns).get().getMetadata().getLabels().get("kubernetes.io/metadata.name"));
    }

    @Test
    void deletingANamespaceDeletesItsContentThenItself() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("doomed");
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("inside").endMetadata().build()).create();
        Distribution.Result deleted = SharedServer.kubectl("1.33", "delete", "namespace", ns, "--timeout=60s");
        assertEquals(0, deleted.exitCode(), deleted.output());
        assertTrue(deleted.stdout().contains("namespace \"" + ns + "\" deleted"), deleted.stdout());
        assertNull(client.namespaces().withName(ns).get());
        assertNull(client.configMaps().inNamespace(ns).withName("inside").get());
        Distribution.Result createInGone = SharedServer.kubectl("1.31", "create", "configmap", "late", "-n", ns);
        assertTrue(createInGone.stderr().contains("namespaces \"" + ns + "\" not found"), createInGone.output());
    }
}
