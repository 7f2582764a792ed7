package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TaintToleration: NoSchedule and NoExecute taints keep pods off unless tolerated; PreferNoSchedule only scores. */
class SchedulerTaintsAndTolerationsTest {

    private static final String CONTROL_PLANE = "spec: {taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]}";

    @Test
    void theUntoleratedTaintIsNamedAsUpstreamPrintsIt() {
        List<NodeInfo> nodes = Fx.infos(
                Fx.node("cp", "4", "8Gi", CONTROL_PLANE),
                Fx.node("gpu", "4", "8Gi", "spec: {taints: [{key: gpu, value: 'true', effect: NoExecute}]}"));
        assertEquals("0/2 nodes are available: 1 node(s) had untolerated taint {gpu: true}, "
                        + "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }."
                        + " preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
                Fx.schedule(Fx.pod("p", null, null), nodes));
    }

    @Test
    void aNotReadyNodeIsKeptOffByItsNoScheduleTaint() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "4", "8Gi",
                "spec: {taints: [{key: node.kubernetes.io/not-ready, effect: NoSchedule}]}"));
        // Admission's default toleration is for NoExecute only, so it does not let the pod onto the node.
        String defaults = "tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}]";
        assertEquals("0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }."
                        + " preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
                Fx.schedule(Fx.withSpec(Fx.pod("p", null, null), defaults), nodes));
    }

    @Test
    void tolerationsMatchByKeyValueAndEffect() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("gpu", "4", "8Gi", "spec: {taints: [{key: gpu, value: 'a100', effect: NoSchedule}]}"));
        String[] tolerating = {
            "tolerations: [{key: gpu, operator: Equal, value: a100, effect: NoSchedule}]",
            "tolerations: [{key: gpu, value: a100}]",
            "tolerations: [{key: gpu, operator: Exists}]",
            "tolerations: [{operator: Exists}]",
        };
        for (String spec : tolerating) {
            assertEquals("gpu", Fx.schedule(Fx.withSpec(Fx.pod("p", null, null), spec), nodes), spec);
        }
        String[] notTolerating = {
            "tolerations: [{key: gpu, operator: Equal, value: h100}]",
            "tolerations: [{key: gpu, operator: Exists, effect: NoExecute}]",
            "tolerations: [{key: tpu, operator: Exists}]",
        };
        for (String spec : notTolerating) {
            assertEquals("0/1 nodes are available: 1 node(s) had untolerated taint {gpu: a100}."
                            + " preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
                    Fx.schedule(Fx.withSpec(Fx.pod("p", null, null), spec), nodes), spec);
        }
    }

    @Test
    void preferNoScheduleSteersPodsAwayButDoesNotForbid() {
        List<NodeInfo> nodes = Fx.infos(
                Fx.node("a", "4", "8Gi", "spec: {taints: [{key: spot, effect: PreferNoSchedule}]}"),
                Fx.node("b", "4", "8Gi"));
        assertEquals("b", Fx.schedule(Fx.pod("p", null, null), nodes));
        String tolerates = "tolerations: [{key: spot, operator: Exists, effect: PreferNoSchedule}]";
        Fx.bind(nodes, "b", Fx.pod("x", "1", "1Gi"));
        assertEquals("a", Fx.schedule(Fx.withSpec(Fx.pod("p", null, null), tolerates), nodes),
                "tolerated, the taint no longer counts and the emptier node wins");
        List<NodeInfo> onlyTainted = Fx.infos(Fx.node("a", "4", "8Gi", "spec: {taints: [{key: spot, effect: PreferNoSchedule}]}"));
        assertEquals("a", Fx.schedule(Fx.pod("p", null, null), onlyTainted));
    }
}
