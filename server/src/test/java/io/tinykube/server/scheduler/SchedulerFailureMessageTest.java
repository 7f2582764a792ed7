package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When no node fits, the message is upstream's FailedScheduling text: reasons counted per node, sorted as strings. */
class SchedulerFailureMessageTest {

    @Test
    void noNodesAtAll() {
        ScheduleResult result = new Scheduler().schedule(Fx.pod("p", null, null), List.of());
        assertFalse(result.isScheduled());
        assertEquals("no nodes available to schedule pods", result.message());
    }

    @Test
    void reasonsAreCountedPerNodeAndSortedAsStrings() {
        List<NodeInfo> nodes = Fx.infos(
                Fx.node("a", "1", "4Gi", "labels: {disk: ssd}"),
                Fx.node("b", "8", "4Gi", "labels: {disk: hdd}"),
                Fx.node("c", "8", "4Gi", "labels: {disk: hdd}"));
        ObjectNode pod = Fx.withSpec(Fx.pod("p", "2", "1Gi"), "nodeSelector: {disk: ssd}");
        assertEquals("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector."
                + " preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", Fx.schedule(pod, nodes));
    }

    @Test
    void countsSortAsTextLikeUpstream() {
        ObjectNode[] raw = new ObjectNode[12];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = Fx.node("n" + i, i < 10 ? "1" : "8", "4Gi", i < 10 ? "labels: {}" : "spec: {unschedulable: true}");
        }
        String message = Fx.schedule(Fx.pod("p", "2", null), Fx.infos(raw));
        assertEquals("0/12 nodes are available: 10 Insufficient cpu, 2 node(s) were unschedulable."
                + " preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.", message);
    }

    @Test
    void nodesBeingDeletedAreNotOffered() {
        ObjectNode leaving = Fx.node("leaving", "8", "8Gi");
        Json.with(leaving, "metadata").put("deletionTimestamp", "2026-01-01T00:00:00Z");
        List<NodeInfo> nodes = Fx.infos(leaving, Fx.node("small", "1", "1Gi"));
        assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
                + "1 Preemption is not helpful for scheduling.", Fx.schedule(Fx.pod("p", "2", null), nodes));
        assertEquals("no nodes available to schedule pods", Fx.schedule(Fx.pod("p", null, null), Fx.infos(leaving)));
    }
}
