package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @Test
    void terminatingNamespaceReportsWhatRemainsAndGoesOnceItsPodsAreGone() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("conditions");
        // no scheduler yet: pods name their nodes
        for (String name : List.of("held-1", "held-2", "plain")) {
            client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name)
                    .withFinalizers(name.startsWith("held") ? List.of("example.com/x") : List.of()).endMetadata()
                    .withNewSpec().withNodeName("shared-node-2").addNewContainer().withName("c").withImage("busybox").endContainer()
                    .endSpec().build()).create();
            client.pods().inNamespace(ns).withName(name).waitUntilCondition(
                    pod -> pod != null && "Running".equals(pod.getStatus().getPhase()), 30, TimeUnit.SECONDS);
        }
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("held")
                .withFinalizers("example.com/x").endMetadata().build()).create();

        Distribution.Result deleted = SharedServer.kubectl("1.33", "delete", "namespace", ns, "--wait=false");
        assertEquals(0, deleted.exitCode(), deleted.output());
        Namespace terminating = client.namespaces().withName(ns).waitUntilCondition(n -> n != null
                && "Some resources are remaining: configmaps. has 1 resource instances, pods. has 2 resource instances"
                .equals(message(n, "NamespaceContentRemaining")), 60, TimeUnit.SECONDS);
        assertEquals("Terminating", terminating.getStatus().getPhase());
        assertEquals("Some content in the namespace has finalizers remaining: example.com/x in 3 resource instances",
                message(terminating, "NamespaceFinalizersRemaining"));
        assertEquals("SomeResourcesRemain", condition(terminating, "NamespaceContentRemaining").getReason());
        assertEquals("True", condition(terminating, "NamespaceContentRemaining").getStatus());
        assertEquals("False", condition(terminating, "NamespaceDeletionDiscoveryFailure").getStatus());
        assertEquals("All resources successfully discovered", message(terminating, "NamespaceDeletionDiscoveryFailure"));
        assertEquals("All legacy kube types successfully parsed", message(terminating, "NamespaceDeletionGroupVersionParsingFailure"));
        assertEquals("ContentDeleted", condition(terminating, "NamespaceDeletionContentFailure").getReason());
        // the pods were deleted gracefully (their node stopped them), not removed at once
        Pod held = client.pods().inNamespace(ns).withName("held-1").get();
        assertEquals(30L, held.getMetadata().getDeletionGracePeriodSeconds());
        assertNull(client.pods().inNamespace(ns).withName("plain").get());

        for (String name : List.of("held-1", "held-2")) {
            client.pods().inNamespace(ns).withName(name).edit(pod -> {
                pod.getMetadata().setFinalizers(List.of());
                return pod;
            });
        }
        client.configMaps().inNamespace(ns).withName("held").edit(cm -> {
            cm.getMetadata().setFinalizers(List.of());
            return cm;
        });
        assertNull(client.namespaces().withName(ns).waitUntilCondition(n -> n == null, 60, TimeUnit.SECONDS));
    }

    private static NamespaceCondition condition(Namespace namespace, String type) {
        return namespace.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    private static String message(Namespace namespace, String type) {
        NamespaceCondition condition = namespace.getStatus() == null || namespace.getStatus().getConditions() == null ? null
                : condition(namespace, type);
        return condition == null ? null : condition.getMessage();
    }
}
