package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NodeUnschedulable: a cordoned node takes only pods that tolerate node.kubernetes.io/unschedulable. */
class SchedulerNodeUnschedulableTest {

    private final List<NodeInfo> nodes = Fx.infos(Fx.node("cordoned", "4", "8Gi", "spec: {unschedulable: true}"));

    @Test
    void aCordonedNodeTakesNoOrdinaryPod() {
        assertEquals("0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: "
                + "1 Preemption is not helpful for scheduling.", Fx.schedule(Fx.pod("p", null, null), nodes));
    }

    @Test
    void aPodToleratingUnschedulableStillGoesThere() {
        String toleration = "tolerations: [{key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}]";
        assertEquals("cordoned", Fx.schedule(Fx.withSpec(Fx.pod("ds", null, null), toleration), nodes));
    }
}
