package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that stops renewing its lease turns Unknown after the grace period (3 s here instead of 40 s),
 * gets the unreachable taints, and its pods are evicted once their tolerationSeconds run out; a node
 * that comes back loses the taints.
 */
class NodeFailureIT {
    @TempDir
    static Path dir;
    private static TestCluster cluster;
    private static KubernetesClient client;
    private static SimulatedNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir, Map.of("TINYKUBE_CONTROLLERS_NODE_MONITOR_GRACE_PERIOD", "3s"), Duration.ofMillis(500));
        client = cluster.client;
        nodes = cluster.nodes;
        nodes.add("board-a", "4", "4Gi", Map.of());
        nodes.add("board-b", "4", "4Gi", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static Pod pod(String name, String node, Long unreachableSeconds) {
        PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("busybox").endContainer().endSpec();
        if (unreachableSeconds != null) {
            builder.editSpec().addNewToleration().withKey("node.kubernetes.io/unreachable").withOperator("Exists")
                    .withEffect("NoExecute").withTolerationSeconds(unreachableSeconds).endToleration().endSpec();
        }
        return client.pods().inNamespace("default").resource(builder.build()).create();
    }

    private static List<String> taintKeys(Node node) {
        return node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints().stream().map(t -> t.getKey() + ":" + t.getEffect()).sorted().toList();
    }

    @Test
    void anUnreachableNodeIsTaintedItsPodsEvictedAfterTheirTolerationAndUntaintedWhenBack() throws Exception {
        pod("short-toleration", "board-a", 2L);
        pod("long-toleration", "board-a", 3600L);
        pod("elsewhere", "board-b", 2L);
        client.pods().inNamespace("default").withName("short-toleration")
                .waitUntilCondition(p -> "Running".equals(p.getStatus().getPhase()), 30, TimeUnit.SECONDS);

        nodes.fail("board-a");
        Node unknown = client.nodes().withName("board-a").waitUntilCondition(n -> n.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("Unknown")), 30, TimeUnit.SECONDS);
        assertEquals("NodeStatusUnknown", unknown.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow().getReason());
        Node tainted = client.nodes().withName("board-a").waitUntilCondition(n -> taintKeys(n).size() == 2, 30, TimeUnit.SECONDS);
        assertEquals(List.of("node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule"), taintKeys(tainted));
        Taint noExecute = tainted.getSpec().getTaints().stream().filter(t -> t.getEffect().equals("NoExecute")).findFirst().orElseThrow();
        assertNotNull(noExecute.getTimeAdded());

        Pod evicted = client.pods().inNamespace("default").withName("short-toleration")
                .waitUntilCondition(p -> p.getMetadata().getDeletionTimestamp() != null, 30, TimeUnit.SECONDS);
        assertNotNull(evicted.getMetadata().getDeletionTimestamp());
        Pod kept = client.pods().inNamespace("default").withName("long-toleration").get();
        assertNull(kept.getMetadata().getDeletionTimestamp(), "a pod tolerating the taint for an hour stays");
        assertTrue(kept.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("False")),
                "pods on an unreachable node are no longer Ready");
        assertNull(client.pods().inNamespace("default").withName("elsewhere").get().getMetadata().getDeletionTimestamp());
        assertTrue(taintKeys(client.nodes().withName("board-b").get()).isEmpty());

        Distribution.Result events = cluster.kubectlUntil(out -> !out.isBlank(), "1.33", "get", "events", "-n", "default",
                "--field-selector", "reason=TaintManagerEviction", "-o", "name");
        assertTrue(events.stdout().lines().count() >= 1, events.output());

        nodes.recover("board-a");
        client.nodes().withName("board-a").waitUntilCondition(n -> taintKeys(n).isEmpty(), 30, TimeUnit.SECONDS);
    }

    @Test
    void aDeploymentsPodsOnAFailedNodeAreRecreatedOnAnother() throws Exception {
        nodes.add("board-c", "4", "4Gi", Map.of("pool", "failover"));
        nodes.add("board-d", "4", "4Gi", Map.of("pool", "failover"));
        client.apps().deployments().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata().withNewSpec().withReplicas(4)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
                .withNodeSelector(Map.of("pool", "failover"))
                .addNewToleration().withKey("node.kubernetes.io/unreachable").withOperator("Exists").withEffect("NoExecute")
                .withTolerationSeconds(1L).endToleration()
                .addNewContainer().withName("web").withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.apps().deployments().inNamespace("default").withName("web").waitUntilCondition(
                d -> d.getStatus() != null && Integer.valueOf(4).equals(d.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
        List<String> onC = podsOn("board-c");
        assertEquals(2, onC.size(), "the scheduler spreads 4 pods over 2 equal nodes");

        nodes.fail("board-c");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (podsOn("board-d").size() < 4 || !Integer.valueOf(4).equals(
                client.apps().deployments().inNamespace("default").withName("web").get().getStatus().getReadyReplicas())) {
            assertTrue(System.nanoTime() < deadline, "replacements did not become ready on board-d: " + podsOn("board-d"));
            Thread.sleep(200);
        }
        for (String name : onC) {
            assertNotNull(client.pods().inNamespace("default").withName(name).get().getMetadata().getDeletionTimestamp(),
                    name + " was evicted from the failed node");
        }
    }

    private static List<String> podsOn(String node) {
        return client.pods().inNamespace("default").withLabel("app", "web").list().getItems().stream()
                .filter(p -> node.equals(p.getSpec().getNodeName()) && p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getMetadata().getName()).toList();
    }
}
