package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** StatefulSet pods: stable identities, OrderedReady and Parallel creation, scale down from the highest ordinal, claims. */
class StatefulSetOrderingIT {

    /** A StatefulSet of {@code replicas} busybox pods with one claim template and {@code extraSpec} (YAML under spec); the pods go to shared-node-1. */
    static StatefulSet statefulSet(KubernetesClient client, String ns, String name, int replicas, String extraSpec) {
        // nodeName: no scheduler yet, so the pods are bound to a simulated node directly.
        String yaml = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: %s
                spec:
                  serviceName: %s-svc
                  replicas: %d
                  selector:
                    matchLabels: {app: %s}
                %s
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      nodeName: shared-node-1
                      containers:
                      - name: c
                        image: busybox:1
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec:
                      accessModes: [ReadWriteOnce]
                      resources: {requests: {storage: 1Gi}}
                """.formatted(name, name, replicas, name, extraSpec.indent(2), name);
        StatefulSet set = client.apps().statefulSets().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).item();
        return client.apps().statefulSets().inNamespace(ns).resource(set).create();
    }

    static Pod awaitPod(KubernetesClient client, String ns, String name) {
        return client.pods().inNamespace(ns).withName(name).waitUntilCondition(pod -> pod != null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase()), 60, TimeUnit.SECONDS);
    }

    @AfterEach
    void allPodsReadyAgain() throws Exception {
        SharedServer.nodes().outcomes(pod -> SimulatedNodes.Outcome.RUNNING_READY);
    }

    @Test
    void orderedReadyCreatesEachPodOnlyAfterThePreviousIsReady() throws Exception {
        KubernetesClient client = SharedServer.client();
        SimulatedNodes nodes = SharedServer.nodes();
        String ns = SharedServer.namespace("sts-ordered");
        nodes.outcomes(pod -> ns.equals(pod.getMetadata().getNamespace()) ? SimulatedNodes.Outcome.RUNNING_NOT_READY
                : SimulatedNodes.Outcome.RUNNING_READY);
        StatefulSet set = statefulSet(client, ns, "web", 3, "");

        for (int i = 0; i < 3; i++) {
            Pod pod = awaitPod(client, ns, "web-" + i);
            for (int later = i + 1; later < 3; later++) {
                assertNull(client.pods().inNamespace(ns).withName("web-" + later).get(), "web-" + later + " before web-" + i + " is ready");
            }
            assertEquals("web-" + i, pod.getMetadata().getLabels().get("statefulset.kubernetes.io/pod-name"));
            assertEquals(Integer.toString(i), pod.getMetadata().getLabels().get("apps.kubernetes.io/pod-index"));
            assertTrue(pod.getMetadata().getLabels().get("controller-revision-hash").startsWith("web-"));
            assertEquals("web-" + i, pod.getSpec().getHostname());
            assertEquals("web-svc", pod.getSpec().getSubdomain());
            OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
            assertEquals(set.getMetadata().getUid(), owner.getUid());
            assertTrue(owner.getController());
            assertEquals("data-web-" + i, pod.getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
            PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(ns).withName("data-web-" + i).get();
            assertEquals("web", claim.getMetadata().getLabels().get("app"));
            assertTrue(claim.getMetadata().getOwnerReferences().isEmpty(), "Retain keeps claims unowned");
            nodes.markReady(ns, "web-" + i);
        }
        StatefulSet ready = client.apps().statefulSets().inNamespace(ns).withName("web").waitUntilCondition(
                s -> s.getStatus() != null && Integer.valueOf(3).equals(s.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
        assertEquals(3, ready.getStatus().getReplicas());
        assertEquals(3, ready.getStatus().getAvailableReplicas());
        assertEquals(ready.getStatus().getCurrentRevision(), ready.getStatus().getUpdateRevision());
        assertEquals(1L, ready.getStatus().getObservedGeneration());
        // Events are written asynchronously: wait for the last one.
        WorkloadFixtures.await("the claim's event", Duration.ofSeconds(30), () -> client.v1().events().inNamespace(ns).list().getItems()
                .stream().anyMatch(e -> "create Claim data-web-1 Pod web-1 in StatefulSet web success".equals(e.getMessage())));
        List<String> messages = client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> "SuccessfulCreate".equals(e.getReason())).map(Event::getMessage).toList();
        assertTrue(messages.contains("create Pod web-1 in StatefulSet web successful"), messages.toString());
        assertTrue(messages.contains("create Claim data-web-1 Pod web-1 in StatefulSet web success"), messages.toString());
    }

    @Test
    void scaleDownRemovesTheHighestOrdinalFirstAndKeepsTheClaims() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("sts-down");
        statefulSet(client, ns, "db", 3, "");
        client.apps().statefulSets().inNamespace(ns).withName("db").waitUntilCondition(
                s -> s.getStatus() != null && Integer.valueOf(3).equals(s.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);

        List<String> sequence = new CopyOnWriteArrayList<>();
        Set<String> marked = ConcurrentHashMap.newKeySet();
        try (Watch ignored = client.pods().inNamespace(ns).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                String name = pod.getMetadata().getName();
                if (action == Action.DELETED) {
                    sequence.add("deleted " + name);
                } else if (pod.getMetadata().getDeletionTimestamp() != null && marked.add(name)) {
                    sequence.add("deleting " + name);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.apps().statefulSets().inNamespace(ns).withName("db").scale(1);
            client.pods().inNamespace(ns).withName("db-1").waitUntilCondition(pod -> pod == null, 60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sequence.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(50); // the watch may deliver the last deletion just after the wait saw it
            }
            assertEquals(List.of("deleting db-2", "deleted db-2", "deleting db-1", "deleted db-1"),
                    sequence);
        }
        assertFalse(client.pods().inNamespace(ns).withName("db-0").get() == null);
        assertEquals(3, client.persistentVolumeClaims().inNamespace(ns).list().getItems().size());
        client.apps().statefulSets().inNamespace(ns).withName("db").waitUntilCondition(
                s -> Integer.valueOf(1).equals(s.getStatus().getReplicas()), 30, TimeUnit.SECONDS);
    }

    @Test
    void parallelCreatesEveryPodWithoutWaiting() throws Exception {
        KubernetesClient client = SharedServer.client();
        SimulatedNodes nodes = SharedServer.nodes();
        String ns = SharedServer.namespace("sts-parallel");
        nodes.outcomes(pod -> ns.equals(pod.getMetadata().getNamespace()) ? SimulatedNodes.Outcome.RUNNING_NOT_READY
                : SimulatedNodes.Outcome.RUNNING_READY);
        statefulSet(client, ns, "cache", 3, "podManagementPolicy: Parallel");
        for (int i = 0; i < 3; i++) {
            Pod pod = awaitPod(client, ns, "cache-" + i);
            assertTrue(pod.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("False")));
        }
        assertEquals(3, client.persistentVolumeClaims().inNamespace(ns).list().getItems().size());
    }

    @Test
    void aFailedPodIsReplacedUnderTheSameName() throws Exception {
        KubernetesClient client = SharedServer.client();
        SimulatedNodes nodes = SharedServer.nodes();
        String ns = SharedServer.namespace("sts-failed");
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        nodes.outcomes(pod -> ns.equals(pod.getMetadata().getNamespace()) && failedOnce.add(pod.getMetadata().getName())
                ? SimulatedNodes.Outcome.FAILED : SimulatedNodes.Outcome.RUNNING_READY);
        statefulSet(client, ns, "job", 1, "");
        String firstUid = client.pods().inNamespace(ns).withName("job-0").waitUntilCondition(
                pod -> pod != null && pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase()), 60, TimeUnit.SECONDS)
                .getMetadata().getUid();
        Pod replaced = client.pods().inNamespace(ns).withName("job-0").waitUntilCondition(pod -> pod != null
                && !pod.getMetadata().getUid().equals(firstUid) && "Running".equals(pod.getStatus().getPhase()), 60, TimeUnit.SECONDS);
        assertNotEquals(firstUid, replaced.getMetadata().getUid());
        WorkloadFixtures.await("the deletion event", Duration.ofSeconds(30), () -> client.v1().events().inNamespace(ns).list().getItems()
                .stream().anyMatch(e -> "delete Pod job-0 in StatefulSet job successful".equals(e.getMessage())));
    }
}
