package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NodeResourcesFit: a pod goes only where allocatable minus what is already requested covers its requests. */
class SchedulerResourcesFitTest {

    @Test
    void aPodGoesToTheNodeWithRoomForIt() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("small", "1", "1Gi"), Fx.node("big", "4", "8Gi"));
        assertEquals("big", Fx.schedule(Fx.pod("p", "2", "1Gi"), nodes));
    }

    @Test
    void requestsOfBoundPodsUseUpTheNode() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "2", "4Gi"));
        Fx.bind(nodes, "n1", Fx.pod("a", "1500m", "1Gi"));
        assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
                + "1 No preemption victims found for incoming pod.", Fx.schedule(Fx.pod("p", "600m", "1Gi"), nodes));
        assertEquals("n1", Fx.schedule(Fx.pod("p", "500m", "1Gi"), nodes), "exactly the rest fits");
    }

    @Test
    void everyShortResourceIsReported() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "1", "1Gi"), Fx.node("n2", "1", "4Gi"));
        ObjectNode pod = Fx.pod("p", "2", "2Gi");
        ((ObjectNode) pod.at("/spec/containers/0/resources/requests")).put("ephemeral-storage", "20Gi");
        assertEquals("0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu, 2 Insufficient ephemeral-storage."
                + " preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.", Fx.schedule(pod, nodes));
    }

    @Test
    void aFullNodeTakesNoMorePodsEvenWithoutRequests() {
        ObjectNode raw = Fx.node("n1", "4", "8Gi");
        ((ObjectNode) raw.at("/status/allocatable")).put("pods", "2");
        List<NodeInfo> nodes = Fx.infos(raw);
        Fx.bind(nodes, "n1", Fx.pod("a", null, null));
        Fx.bind(nodes, "n1", Fx.pod("b", null, null));
        assertEquals("0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: "
                + "1 No preemption victims found for incoming pod.", Fx.schedule(Fx.pod("p", null, null), nodes));
    }

    @Test
    void aPodWithoutRequestsFitsANodeWhoseCpuIsAllRequested() {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "1", "1Gi"));
        Fx.bind(nodes, "n1", Fx.pod("a", "1", "1Gi"));
        assertEquals("n1", Fx.schedule(Fx.pod("p", null, null), nodes));
    }
}
