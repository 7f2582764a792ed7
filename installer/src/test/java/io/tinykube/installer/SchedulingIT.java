package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler places pending pods on nodes that fit; a pod that fits nowhere is reported as upstream
 * reports it (condition and event) and placed as soon as a node that fits appears.
 */
class SchedulingIT {
    @TempDir
    static Path dir;
    private static TestCluster cluster;
    private static KubernetesClient client;
    private static SimulatedNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir, Map.of(), Duration.ofSeconds(5));
        client = cluster.client;
        nodes = cluster.nodes;
        nodes.add("small-1", "1", "1Gi", Map.of("disk", "hdd"));
        nodes.add("small-2", "1", "1Gi", Map.of("disk", "hdd"));
        nodes.add("edge-1", "2", "2Gi", Map.of("disk", "ssd"));
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static Pod pod(String name, String cpu, Map<String, String> nodeSelector) {
        return client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeSelector(nodeSelector).addNewContainer().withName("c").withImage("busybox")
                .withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources().endContainer().endSpec().build()).create();
    }

    private static PodCondition scheduledCondition(Pod pod) {
        return pod.getStatus().getConditions().stream().filter(c -> c.getType().equals("PodScheduled")).findFirst().orElse(null);
    }

    @Test
    void podsLandOnNodesThatFitAndRunThere() throws Exception {
        pod("wants-ssd", "500m", Map.of("disk", "ssd"));
        Pod running = client.pods().inNamespace("default").withName("wants-ssd")
                .waitUntilCondition(p -> "Running".equals(p.getStatus().getPhase()), 30, TimeUnit.SECONDS);
        assertEquals("edge-1", running.getSpec().getNodeName());
        assertEquals("True", scheduledCondition(running).getStatus());
        Distribution.Result events = cluster.kubectlUntil(out -> !out.isBlank(), "1.33", "get", "events", "--field-selector",
                "involvedObject.name=wants-ssd,reason=Scheduled", "-o", "jsonpath={.items[*].message}");
        assertEquals("Successfully assigned default/wants-ssd to edge-1", events.stdout().trim(), events.output());
    }

    @Test
    void anUnschedulablePodSaysWhyAndIsPlacedWhenANodeFits() throws Exception {
        pod("too-big", "3", Map.of());
        Pod pending = client.pods().inNamespace("default").withName("too-big")
                .waitUntilCondition(p -> scheduledCondition(p) != null, 30, TimeUnit.SECONDS);
        PodCondition condition = scheduledCondition(pending);
        assertEquals("False", condition.getStatus());
        assertEquals("Unschedulable", condition.getReason());
        // Requests above every node's allocatable cannot be helped by preemption (upstream since 1.31).
        assertEquals("0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: "
                + "3 Preemption is not helpful for scheduling.", condition.getMessage());
        Distribution.Result describe = cluster.kubectlUntil(out -> out.contains("FailedScheduling"), "1.33", "describe", "pod", "too-big");
        assertTrue(describe.stdout().contains("FailedScheduling"), describe.output());
        assertTrue(describe.stdout().contains("0/3 nodes are available: 3 Insufficient cpu."), describe.output());

        nodes.add("big-1", "4", "8Gi", Map.of());
        Pod placed = client.pods().inNamespace("default").withName("too-big")
                .waitUntilCondition(p -> p.getSpec().getNodeName() != null, 30, TimeUnit.SECONDS);
        assertEquals("big-1", placed.getSpec().getNodeName());
    }
}
