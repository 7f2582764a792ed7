package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Among nodes that fit, the emptiest and most balanced wins, and replicas spread evenly over equal nodes. */
class SchedulerScoringTest {

    @Test
    void theLeastAllocatedNodeWins() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("a", "4", "8Gi"), Fx.node("b", "4", "8Gi"));
        Fx.bind(nodes, "a", Fx.pod("x", "2", "4Gi"));
        assertEquals("b", Fx.schedule(Fx.pod("p", "500m", "512Mi"), nodes));
    }

    @Test
    void podsWithoutRequestsStillCountTowardsSpreading() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("a", "4", "8Gi"), Fx.node("b", "4", "8Gi"));
        Fx.bind(nodes, "a", Fx.pod("x", null, null));
        Fx.bind(nodes, "a", Fx.pod("y", null, null));
        Fx.bind(nodes, "b", Fx.pod("z", null, null));
        assertEquals("b", Fx.schedule(Fx.pod("p", null, null), nodes));
    }

    @Test
    void withEqualFreeSpaceTheBalancedNodeWins() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("a", "4", "4Gi"), Fx.node("b", "4", "4Gi"));
        Fx.bind(nodes, "a", Fx.pod("cpu-heavy", "3", "1Gi"));
        Fx.bind(nodes, "b", Fx.pod("memory-heavy", "1", "3Gi"));
        // Free space scores the same on both; on b the pod's cpu evens out the memory already in use.
        assertEquals("b", Fx.schedule(Fx.pod("p", "1", "100Mi"), nodes));
    }

    @Test
    void replicasSpreadEvenlyOverEqualNodes() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("a", "4", "8Gi"), Fx.node("b", "4", "8Gi"), Fx.node("c", "4", "8Gi"));
        for (int i = 0; i < 9; i++) {
            Fx.bind(nodes, Fx.schedule(Fx.pod("web-" + i, i % 2 == 0 ? null : "100m", null), nodes), Fx.pod("web-" + i, null, null));
        }
        for (NodeInfo node : nodes) {
            assertEquals(3, node.podCount(), node.name());
        }
    }

    @Test
    void tiesAreBrokenTheSameWayEveryTime() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("c", "4", "8Gi"), Fx.node("a", "4", "8Gi"), Fx.node("b", "4", "8Gi"));
        assertEquals("a", Fx.schedule(Fx.pod("p", null, null), nodes));
        assertEquals("a", Fx.schedule(Fx.pod("q", null, null), nodes));
    }
}
