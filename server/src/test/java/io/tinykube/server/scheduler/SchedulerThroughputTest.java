package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 3,000-replica Deployment over 100 nodes spreads evenly, and scheduling it takes well under the 30 s of CPU that
 * 100 pods/s would allow (CPU time, not wall time: the machine is shared).
 */
class SchedulerThroughputTest {

    private static long run(String extraSpec) {
        List<ObjectNode> raw = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            raw.add(Fx.node(String.format("node-%03d", i), "4", "8Gi", "labels: {topology.kubernetes.io/zone: z" + (i % 3) + "}"));
        }
        List<NodeInfo> nodes = Fx.infos(raw.toArray(new ObjectNode[0]));
        List<ObjectNode> pods = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            ObjectNode pod = Fx.labelled(Fx.pod("web-" + i, "100m", "128Mi"), "app", "web");
            pods.add(extraSpec == null ? pod : Fx.withSpec(pod, extraSpec));
        }
        Scheduler scheduler = new Scheduler();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (ObjectNode pod : pods) {
            ScheduleResult result = scheduler.schedule(pod, nodes);
            Fx.bind(nodes, result.nodeName(), pod);
        }
        long elapsed = threads.getCurrentThreadCpuTime() - start;
        System.out.printf("%s: 3000 pods in %d ms of CPU%n", extraSpec == null ? "plain" : "spread", elapsed / 1_000_000);
        for (NodeInfo node : nodes) {
            assertEquals(30, node.podCount(), node.name());
        }
        return elapsed;
    }

    @Test
    void plainReplicas() {
        long elapsed = run(null);
        assertTrue(elapsed < 10_000_000_000L, "3000 pods took " + elapsed / 1_000_000 + " ms of CPU");
    }

    @Test
    void replicasWithZoneSpreadAndPreferredAntiAffinity() {
        long elapsed = run("""
                topologySpreadConstraints:
                - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
                affinity:
                  podAntiAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 100
                      podAffinityTerm: {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}
                """);
        assertTrue(elapsed < 10_000_000_000L, "3000 pods took " + elapsed / 1_000_000 + " ms of CPU");
    }
}
