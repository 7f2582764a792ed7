package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DefaultPreemption: a pod that fits nowhere may evict the fewest, least important lower-priority pods on one node. */
class SchedulerPreemptionTest {

    private static ObjectNode pod(String name, String cpu, int priority, String startTime) {
        ObjectNode pod = Fx.priority(Fx.pod(name, cpu, null), priority);
        if (startTime != null) {
            Json.with(pod, "status").put("startTime", startTime);
        }
        return pod;
    }

    private static List<String> names(ScheduleResult result) {
        return result.victims().stream().map(p -> p.at("/metadata/name").asText()).toList();
    }

    @Test
    void theLatestStartedOfEqualPodsIsEvictedAndTheNodeNominated() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "2", "4Gi"));
        Fx.bind(nodes, "n1", pod("old", "1", 0, "2026-01-01T00:00:00Z"));
        Fx.bind(nodes, "n1", pod("new", "1", 0, "2026-01-02T00:00:00Z"));
        ScheduleResult result = new Scheduler().schedule(pod("urgent", "1", 1000, null), nodes);
        assertFalse(result.isScheduled());
        assertEquals("n1", result.nominatedNodeName());
        assertEquals(List.of("new"), names(result));
        assertEquals("0/1 nodes are available: 1 Insufficient cpu.", result.message());
    }

    @Test
    void theNodeWhoseVictimsMatterLeastIsChosen() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("a", "2", "4Gi"), Fx.node("b", "2", "4Gi"), Fx.node("c", "2", "4Gi"));
        Fx.bind(nodes, "a", pod("a-batch", "2", 10, null));
        Fx.bind(nodes, "b", pod("b-batch-1", "1", 5, null));
        Fx.bind(nodes, "b", pod("b-batch-2", "1", 5, null));
        Fx.bind(nodes, "c", pod("c-batch", "2", 5, null));
        ScheduleResult result = new Scheduler().schedule(pod("urgent", "1500m", 100, null), nodes);
        assertEquals("c", result.nominatedNodeName(), "a's victim has the higher priority; b needs two victims");
        assertEquals(List.of("c-batch"), names(result));
    }

    @Test
    void equalOrHigherPriorityPodsAreNeverVictims() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "2", "4Gi"));
        Fx.bind(nodes, "n1", pod("peer", "2", 100, null));
        ScheduleResult result = new Scheduler().schedule(pod("urgent", "1", 100, null), nodes);
        assertNull(result.nominatedNodeName());
        assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
                + "1 No preemption victims found for incoming pod.", result.message());
    }

    @Test
    void aNodeWhereEvictingEveryLowerPodIsNotEnoughReportsWhy() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "4", "4Gi"));
        Fx.bind(nodes, "n1", pod("system", "3", 1000, null));
        Fx.bind(nodes, "n1", pod("batch", "500m", 0, null));
        assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.",
                Fx.schedule(pod("urgent", "2", 100, null), nodes));
    }

    @Test
    void onlyAsManyVictimsAsNeeded() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "4", "4Gi"));
        Fx.bind(nodes, "n1", pod("low", "1", 1, null));
        Fx.bind(nodes, "n1", pod("lower", "1", 0, null));
        Fx.bind(nodes, "n1", pod("mid", "1", 50, null));
        Fx.bind(nodes, "n1", pod("lowest", "1", -10, null));
        ScheduleResult result = new Scheduler().schedule(pod("urgent", "2", 100, null), nodes);
        assertEquals(List.of("lower", "lowest"), names(result), "the two least important, most important first");
    }

    @Test
    void evictingAPodFreesItsHostPort() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "4", "4Gi"));
        ObjectNode holder = pod("holder", null, 0, null);
        Fx.withSpec(holder, "containers: [{name: app, ports: [{containerPort: 80, hostPort: 80}]}]");
        Fx.bind(nodes, "n1", holder);
        Fx.bind(nodes, "n1", pod("bystander", null, 0, null));
        ObjectNode ingress = Fx.withSpec(pod("ingress", null, 1000, null), "containers: [{name: app, ports: [{containerPort: 80, hostPort: 80}]}]");
        ScheduleResult result = new Scheduler().schedule(ingress, nodes);
        assertEquals(List.of("holder"), names(result));
    }

    @Test
    void aPodThatNeverPreemptsSaysSo() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "1", "4Gi"));
        Fx.bind(nodes, "n1", pod("batch", "1", 0, null));
        ObjectNode polite = Fx.withSpec(pod("polite", "1", 1000, null), "preemptionPolicy: Never");
        assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
                Fx.schedule(polite, nodes));
    }

    @Test
    void aPodWaitsForItsVictimsToTerminateBeforePreemptingMore() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "2", "4Gi"));
        ObjectNode victim = pod("victim", "1", 0, null);
        Json.with(victim, "metadata").put("deletionTimestamp", "2026-01-01T00:00:00Z");
        Json.with(victim, "status").set("conditions", Fx.yaml(
                "c: [{type: DisruptionTarget, status: 'True', reason: PreemptionByScheduler}]").get("c"));
        Fx.bind(nodes, "n1", victim);
        Fx.bind(nodes, "n1", pod("other", "1", 0, null));
        ObjectNode urgent = pod("urgent", "1", 1000, null);
        Json.with(urgent, "status").put("nominatedNodeName", "n1");
        assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.",
                Fx.schedule(urgent, nodes));
    }

    @Test
    void nodesThatFailedForGoodAreNotTried() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("tainted", "2", "4Gi", "spec: {taints: [{key: dedicated, effect: NoSchedule}]}"),
                Fx.node("full", "2", "4Gi"));
        Fx.bind(nodes, "tainted", pod("t", "2", 0, null));
        Fx.bind(nodes, "full", pod("f", "2", 0, null));
        ScheduleResult result = new Scheduler().schedule(pod("urgent", "1", 1000, null), nodes);
        assertEquals("full", result.nominatedNodeName());
        assertEquals("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: }.", result.message());
    }
}
