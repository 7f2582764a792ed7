package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
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
    private static RunningServer server;
    private static KubernetesClient client;
    private static SimulatedNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("data"), Map.of("TINYKUBE_CONTROLLERS_NODE_MONITOR_GRACE_PERIOD", "3s"));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig))).build();
        nodes = new SimulatedNodes(client, Duration.ofMillis(500));
        nodes.add("board-a", "4", "4Gi", Map.of());
        nodes.add("board-b", "4", "4Gi", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.close();
        client.close();
        server.close();
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

        Distribution.Result events = Kubectl.run("1.33", server.kubeconfig, "get", "events", "-n", "default",
                "--field-selector", "reason=TaintManagerEviction", "-o", "name");
        assertTrue(events.stdout().lines().count() >= 1, events.output());

        nodes.recover("board-a");
        client.nodes().withName("board-a").waitUntilCondition(n -> taintKeys(n).isEmpty(), 30, TimeUnit.SECONDS);
    }
}
