package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NodePorts: a host port (protocol and address) is taken by one pod per node; 0.0.0.0 takes every address. */
class SchedulerNodePortsTest {

    private static final String NO_PORTS = "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports."
            + " preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";

    private static ObjectNode withPort(String name, String port) {
        ObjectNode pod = Fx.pod(name, null, null);
        ((ObjectNode) pod.at("/spec/containers/0")).set("ports", Fx.yaml("ports: [" + port + "]").get("ports"));
        return pod;
    }

    private static List<NodeInfo> nodeUsing(String port) {
        List<NodeInfo> nodes = Fx.infos(Fx.node("n1", "4", "8Gi"));
        Fx.bind(nodes, "n1", withPort("existing", port));
        return nodes;
    }

    @Test
    void aTakenPortKeepsTheSecondPodOff() {
        assertEquals(NO_PORTS, Fx.schedule(withPort("p", "{containerPort: 80, hostPort: 8080}"),
                nodeUsing("{containerPort: 80, hostPort: 8080, protocol: TCP}")));
    }

    @Test
    void theSamePortWithAnotherProtocolIsFree() {
        assertEquals("n1", Fx.schedule(withPort("p", "{containerPort: 53, hostPort: 53, protocol: UDP}"),
                nodeUsing("{containerPort: 53, hostPort: 53}")));
    }

    @Test
    void distinctAddressesShareAPortButTheWildcardConflictsWithAll() {
        List<NodeInfo> nodes = nodeUsing("{containerPort: 80, hostPort: 80, hostIP: 10.0.0.1}");
        assertEquals("n1", Fx.schedule(withPort("p", "{containerPort: 80, hostPort: 80, hostIP: 10.0.0.2}"), nodes));
        assertEquals(NO_PORTS, Fx.schedule(withPort("p", "{containerPort: 80, hostPort: 80}"), nodes));
        assertEquals(NO_PORTS, Fx.schedule(withPort("p", "{containerPort: 80, hostPort: 80, hostIP: 10.0.0.1}"), nodes));
    }

    @Test
    void containerPortsWithoutHostPortTakeNothing() {
        assertEquals("n1", Fx.schedule(withPort("p", "{containerPort: 8080}"), nodeUsing("{containerPort: 8080}")));
    }

    @Test
    void aPortIsFreedWhenItsPodGoes() {
        List<NodeInfo> nodes = nodeUsing("{containerPort: 80, hostPort: 80}");
        nodes.get(0).removePod(Fx.pod("existing", null, null));
        assertEquals("n1", Fx.schedule(withPort("p", "{containerPort: 80, hostPort: 80}"), nodes));
    }
}
