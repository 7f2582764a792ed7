package io.tinykube.server.controller.autoscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.controller.autoscaling.PodMetricsSource.PodMetric;
import io.tinykube.server.controller.autoscaling.ReplicaCalculator.MetricsException;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.LabelSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream's replica calculation for resource metrics, with a fake metrics source. */
class ReplicaCountFromResourceMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    /** Started and ready long ago: outside the CPU initialization period. */
    private static final Instant STARTED = NOW.minus(Duration.ofMinutes(30));

    private final Map<String, PodMetric> usage = new HashMap<>();
    private final ReplicaCalculator calculator = new ReplicaCalculator((namespace, selector, resource) -> Map.copyOf(usage), 0.1,
            Duration.ofMinutes(5), Duration.ofSeconds(30), new TestClock(NOW));

    private static ObjectNode pod(String name, String phase, String cpuRequest, String memoryRequest) {
        ObjectNode pod = Json.object();
        pod.putObject("metadata").put("name", name).put("namespace", "ns");
        ObjectNode requests = pod.putObject("spec").putArray("containers").addObject().put("name", "c")
                .putObject("resources").putObject("requests");
        requests.put("cpu", cpuRequest).put("memory", memoryRequest);
        ObjectNode status = pod.putObject("status").put("phase", phase).put("startTime", STARTED.toString());
        status.putArray("conditions").addObject().put("type", "Ready").put("status", phase.equals("Running") ? "True" : "False")
                .put("lastTransitionTime", STARTED.toString());
        return pod;
    }

    private void use(String pod, long milli) {
        usage.put(pod, new PodMetric(milli, NOW.minusSeconds(10), Duration.ofSeconds(30)));
    }

    private int cpuReplicas(int current, int target, List<ObjectNode> pods) throws MetricsException {
        return calculator.utilization(current, target, "cpu", "ns", LabelSelector.EVERYTHING, pods).replicas();
    }

    @Test
    void usageAboveTheTargetScalesUpInProportion() throws MetricsException {
        List<ObjectNode> pods = List.of(pod("a", "Running", "500m", "1Gi"), pod("b", "Running", "500m", "1Gi"), pod("c", "Running", "500m", "1Gi"));
        pods.forEach(pod -> use(pod.path("metadata").path("name").asText(), 500));
        ReplicaCalculator.Proposal proposal = calculator.utilization(3, 50, "cpu", "ns", LabelSelector.EVERYTHING, pods);
        assertEquals(6, proposal.replicas());
        assertEquals(100, proposal.utilization());
        assertEquals(500, proposal.averageMilli());
    }

    @Test
    void usageWithinTheToleranceKeepsTheCurrentCount() throws MetricsException {
        List<ObjectNode> pods = List.of(pod("a", "Running", "500m", "1Gi"), pod("b", "Running", "500m", "1Gi"));
        use("a", 270);
        use("b", 270); // 54% of requests against 50%: ratio 1.08
        assertEquals(2, cpuReplicas(2, 50, pods));
        use("a", 300);
        use("b", 300); // 60%: ratio 1.2, ceil(2.4)
        assertEquals(3, cpuReplicas(2, 50, pods));
    }

    @Test
    void aPodWithoutMetricsCountsAsFullyUsedOnAScaleDown() throws MetricsException {
        List<ObjectNode> pods = List.of(pod("a", "Running", "500m", "1Gi"), pod("b", "Running", "500m", "1Gi"), pod("c", "Running", "500m", "1Gi"));
        use("a", 100);
        use("b", 100); // 20% against 50% would scale down to 2; c at its full request makes 46%, within tolerance
        assertEquals(3, cpuReplicas(3, 50, pods));
        use("a", 25);
        use("b", 25); // with c at 100%: 36% of requests, ratio 0.72 → ceil(2.16) = 3 (not more than current)
        assertEquals(3, cpuReplicas(3, 50, pods));
    }

    @Test
    void aPodWithoutMetricsCountsAsIdleOnAScaleUp() throws MetricsException {
        List<ObjectNode> pods = List.of(pod("a", "Running", "500m", "1Gi"), pod("b", "Running", "500m", "1Gi"));
        use("a", 1000); // 200% alone; with b at 0: 100% → ratio 2 → 4
        assertEquals(4, cpuReplicas(2, 50, pods));
    }

    @Test
    void pendingPodsCountAsIdleOnAScaleUp() throws MetricsException {
        List<ObjectNode> pods = List.of(pod("a", "Running", "500m", "1Gi"), pod("b", "Pending", "500m", "1Gi"));
        use("a", 500); // 100% against 50%; b pending counts as 0: 50% → within tolerance
        assertEquals(2, cpuReplicas(2, 50, pods));
    }

    @Test
    void deletedAndFailedPodsAreIgnored() throws MetricsException {
        ObjectNode deleting = pod("b", "Running", "500m", "1Gi");
        ((ObjectNode) deleting.get("metadata")).put("deletionTimestamp", NOW.toString());
        List<ObjectNode> pods = List.of(pod("a", "Running", "500m", "1Gi"), deleting, pod("c", "Failed", "500m", "1Gi"));
        use("a", 500);
        use("b", 0);
        use("c", 0);
        assertEquals(2, cpuReplicas(1, 50, pods));
    }

    @Test
    void averageValueTargetsCompareRawUsage() throws MetricsException {
        List<ObjectNode> pods = List.of(pod("a", "Running", "500m", "1Gi"), pod("b", "Running", "500m", "1Gi"));
        long mi = 1024L * 1024 * 1000;
        use("a", 200 * mi);
        use("b", 200 * mi);
        ReplicaCalculator.Proposal proposal = calculator.averageValue(2, MilliQuantity.parse("100Mi"), "memory", "ns", LabelSelector.EVERYTHING, pods);
        assertEquals(4, proposal.replicas());
        assertEquals(-1, proposal.utilization());
        assertEquals("209715200", MilliQuantity.format(proposal.averageMilli()));
    }

    @Test
    void noMetricsAtAllIsUpstreamsError() {
        List<ObjectNode> pods = List.of(pod("a", "Running", "500m", "1Gi"));
        MetricsException e = assertThrows(MetricsException.class, () -> cpuReplicas(1, 50, pods));
        assertEquals("unable to get metrics for resource cpu: no metrics returned from resource metrics API", e.getMessage());
    }

    @Test
    void aContainerWithoutARequestCannotBeMeasuredInPercent() {
        ObjectNode pod = pod("a", "Running", "500m", "1Gi");
        ((ObjectNode) pod.at("/spec/containers/0/resources/requests")).remove("cpu");
        use("a", 100);
        MetricsException e = assertThrows(MetricsException.class, () -> cpuReplicas(1, 50, List.of(pod)));
        assertEquals("missing request for cpu in container c of Pod a", e.getMessage());
    }

    @Test
    void quantitiesReadAsMilliValues() {
        assertEquals(250, MilliQuantity.parse("250m"));
        assertEquals(2000, MilliQuantity.parse("2"));
        assertEquals(1024L * 1000, MilliQuantity.parse("1Ki"));
        assertEquals(1_500_000, MilliQuantity.parse("1.5k"));
        assertEquals("1500m", MilliQuantity.format(1500));
        assertEquals("3k", MilliQuantity.format(3_000_000));
    }
}
