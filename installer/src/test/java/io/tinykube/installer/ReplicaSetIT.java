package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ReplicaSets and ReplicationControllers keep their pods, as upstream's replicaset controller. */
class ReplicaSetIT {

    private static String replicaSet(String name, int replicas) {
        // nodeName: pods run on a simulated node until the scheduler lands
        return """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: %s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata:
                      labels: {app: %s, tier: web}
                      annotations: {note: kept}
                    spec:
                      nodeName: shared-node-2
                      containers: [{name: c, image: nginx}]
                """.formatted(name, replicas, name, name);
    }

    private static List<Pod> activePods(KubernetesClient client, String ns, String app) {
        return client.pods().inNamespace(ns).withLabel("app", app).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    @Test
    void createsOwnedPodsFromTheTemplateAndReportsStatus() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("rs-create");
        ReplicaSet rs = (ReplicaSet) WorkloadFixtures.create(client, ns, replicaSet("web", 3));
        ReplicaSet done = client.apps().replicaSets().inNamespace(ns).withName("web").waitUntilCondition(r -> r.getStatus() != null
                && Integer.valueOf(3).equals(r.getStatus().getAvailableReplicas()), 60, TimeUnit.SECONDS);
        assertEquals(3, done.getStatus().getReplicas());
        assertEquals(3, done.getStatus().getReadyReplicas());
        assertEquals(3, done.getStatus().getFullyLabeledReplicas());
        assertEquals(done.getMetadata().getGeneration(), done.getStatus().getObservedGeneration());
        List<Pod> pods = activePods(client, ns, "web");
        assertEquals(3, pods.size());
        for (Pod pod : pods) {
            assertTrue(pod.getMetadata().getName().startsWith("web-"), pod.getMetadata().getName());
            assertEquals("web-", pod.getMetadata().getGenerateName());
            assertEquals(Map.of("app", "web", "tier", "web"), pod.getMetadata().getLabels());
            assertEquals("kept", pod.getMetadata().getAnnotations().get("note"));
            OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
            assertEquals(List.of("apps/v1", "ReplicaSet", "web", rs.getMetadata().getUid(), true, true),
                    List.of(owner.getApiVersion(), owner.getKind(), owner.getName(), owner.getUid(), owner.getController(),
                            owner.getBlockOwnerDeletion()));
        }
        WorkloadFixtures.await("SuccessfulCreate events", Duration.ofSeconds(30), () -> client.v1().events().inNamespace(ns).list().getItems()
                .stream().filter(e -> e.getReason().equals("SuccessfulCreate") && e.getMessage().startsWith("Created pod: web-")).count() == 3);
        Distribution.Result get = SharedServer.kubectl("1.33", "get", "rs", "web", "-n", ns);
        assertTrue(get.stdout().lines().anyMatch(l -> l.matches("web\\s+3\\s+3\\s+3\\s+.*")), get.output());
    }

    @Test
    void adoptsMatchingOrphansAndReleasesPodsThatStopMatching() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("rs-adopt");
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("orphan").addToLabels("app", "web").endMetadata()
                .withNewSpec().withNodeName("shared-node-2").addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                .build()).create();
        ReplicaSet rs = (ReplicaSet) WorkloadFixtures.create(client, ns, replicaSet("web", 2));
        Pod adopted = client.pods().inNamespace(ns).withName("orphan").waitUntilCondition(p -> !p.getMetadata().getOwnerReferences().isEmpty(),
                30, TimeUnit.SECONDS);
        assertEquals(rs.getMetadata().getUid(), adopted.getMetadata().getOwnerReferences().get(0).getUid());
        client.apps().replicaSets().inNamespace(ns).withName("web").waitUntilCondition(r -> r.getStatus() != null
                && Integer.valueOf(2).equals(r.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
        assertEquals(2, activePods(client, ns, "web").size(), "the orphan counts: only one pod is created");

        client.pods().inNamespace(ns).withName("orphan").edit(p -> new PodBuilder(p).editMetadata().addToLabels("app", "other").endMetadata().build());
        Pod released = client.pods().inNamespace(ns).withName("orphan").waitUntilCondition(p -> p.getMetadata().getOwnerReferences().isEmpty(),
                30, TimeUnit.SECONDS);
        assertNull(released.getMetadata().getDeletionTimestamp());
        WorkloadFixtures.await("a replacement for the released pod", Duration.ofSeconds(30), () -> activePods(client, ns, "web").size() == 2
                && activePods(client, ns, "web").stream().noneMatch(p -> p.getMetadata().getName().equals("orphan")));
    }

    @Test
    void scaleDownDeletesNotReadyPodsFirst() throws Exception {
        KubernetesClient client = SharedServer.client();
        SimulatedNodes nodes = SharedServer.nodes();
        String ns = SharedServer.namespace("rs-rank");
        WorkloadFixtures.create(client, ns, replicaSet("web", 2));
        client.apps().replicaSets().inNamespace(ns).withName("web").waitUntilCondition(r -> r.getStatus() != null
                && Integer.valueOf(2).equals(r.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
        Set<String> readyPods = activePods(client, ns, "web").stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        nodes.outcomes(pod -> ns.equals(pod.getMetadata().getNamespace()) ? SimulatedNodes.Outcome.RUNNING_NOT_READY
                : SimulatedNodes.Outcome.RUNNING_READY);
        try {
            Distribution.Result up = SharedServer.kubectl("1.33", "scale", "rs", "web", "-n", ns, "--replicas=5");
            assertEquals(0, up.exitCode(), up.output());
            WorkloadFixtures.await("three running, not ready pods", Duration.ofSeconds(30), () -> activePods(client, ns, "web").stream()
                    .filter(p -> "Running".equals(p.getStatus().getPhase()) && !WorkloadFixtures.ready(p)).count() == 3);
            Distribution.Result down = SharedServer.kubectl("1.31", "scale", "rs", "web", "-n", ns, "--replicas=2");
            assertEquals(0, down.exitCode(), down.output());
            WorkloadFixtures.await("two pods left", Duration.ofSeconds(30), () -> activePods(client, ns, "web").size() == 2);
            assertEquals(readyPods, activePods(client, ns, "web").stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet()));
        } finally {
            nodes.outcomes(pod -> SimulatedNodes.Outcome.RUNNING_READY);
        }
    }

    @Test
    void replicationControllerScalesWithKubectl() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("rc-scale");
        WorkloadFixtures.create(client, ns, """
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: legacy}
                spec:
                  replicas: 1
                  template:
                    metadata: {labels: {app: legacy}}
                    spec:
                      nodeName: shared-node-3
                      containers: [{name: c, image: nginx}]
                """);
        WorkloadFixtures.await("one pod", Duration.ofSeconds(30), () -> activePods(client, ns, "legacy").size() == 1);
        OwnerReference owner = activePods(client, ns, "legacy").get(0).getMetadata().getOwnerReferences().get(0);
        assertEquals(List.of("v1", "ReplicationController", "legacy"), List.of(owner.getApiVersion(), owner.getKind(), owner.getName()));
        Distribution.Result up = SharedServer.kubectl("1.33", "scale", "rc", "legacy", "-n", ns, "--replicas=4");
        assertEquals(0, up.exitCode(), up.output());
        client.replicationControllers().inNamespace(ns).withName("legacy").waitUntilCondition(rc -> rc.getStatus() != null
                && Integer.valueOf(4).equals(rc.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
        assertEquals(4, activePods(client, ns, "legacy").size());
        Distribution.Result down = SharedServer.kubectl("1.33", "scale", "rc", "legacy", "-n", ns, "--replicas=1");
        assertEquals(0, down.exitCode(), down.output());
        WorkloadFixtures.await("one pod left", Duration.ofSeconds(30), () -> activePods(client, ns, "legacy").size() == 1);
        client.replicationControllers().inNamespace(ns).withName("legacy").waitUntilCondition(rc -> rc.getStatus() != null
                && Integer.valueOf(1).equals(rc.getStatus().getReplicas()), 30, TimeUnit.SECONDS);
    }
}
