package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NodeName: a pod that names its node goes there or nowhere. */
class SchedulerNodeNameTest {

    @Test
    void aPodNamingItsNodeGoesOnlyThere() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("a", "4", "8Gi"), Fx.node("b", "4", "8Gi"), Fx.node("c", "4", "8Gi"));
        assertEquals("b", Fx.schedule(Fx.withSpec(Fx.pod("p", null, null), "nodeName: b"), nodes));
    }

    @Test
    void otherNodesDidNotMatchTheRequestedName() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("a", "4", "8Gi"), Fx.node("b", "1", "8Gi"));
        assertEquals("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match the requested node name."
                        + " preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
                Fx.schedule(Fx.withSpec(Fx.pod("p", "2", null), "nodeName: b"), nodes));
    }
}
