package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A NodeInfo sums what its pods request, as upstream computes a pod's requests, and follows pod updates. */
class SchedulerNodeInfoTest {

    private static NodeInfo node() {
        return new NodeInfo(Fx.node("n1", "4", "8Gi"));
    }

    @Test
    void allocatableIsReadFromTheNodeStatus() {
        NodeInfo node = node();
        assertEquals(4000, node.allocatableMilliCpu());
        assertEquals(8L << 30, node.allocatableMemory());
        assertEquals(110, node.allocatablePods());
    }

    @Test
    void aNodeWithoutPodCapacityTakes110Pods() {
        ObjectNode raw = Fx.node("n1", "4", "8Gi");
        ((ObjectNode) raw.at("/status/allocatable")).remove("pods");
        assertEquals(110, new NodeInfo(raw).allocatablePods());
    }

    @Test
    void containersAddUpAndTheLargestInitContainerCountsWhenBigger() {
        NodeInfo node = node();
        node.addPod(Fx.yaml("""
                metadata: {name: p, namespace: default}
                spec:
                  initContainers:
                  - {name: migrate, resources: {requests: {cpu: "2", memory: 100Mi}}}
                  containers:
                  - {name: a, resources: {requests: {cpu: 500m, memory: 200Mi}}}
                  - {name: b, resources: {requests: {cpu: 250m, memory: 300Mi}}}
                  overhead: {cpu: 10m, memory: 1Mi}
                """));
        assertEquals(2010, node.requestedMilliCpu(), "init container's 2 cpu beats the containers' 750m, plus overhead");
        assertEquals(501L << 20, node.requestedMemory(), "containers' 500Mi beat the init container's 100Mi, plus overhead");
    }

    @Test
    void sidecarsRunAlongsideTheContainers() {
        NodeInfo node = node();
        node.addPod(Fx.yaml("""
                metadata: {name: p, namespace: default}
                spec:
                  initContainers:
                  - {name: proxy, restartPolicy: Always, resources: {requests: {cpu: 100m}}}
                  - {name: setup, resources: {requests: {cpu: 300m}}}
                  containers:
                  - {name: app, resources: {requests: {cpu: 200m}}}
                """));
        assertEquals(400, node.requestedMilliCpu(), "setup needs 300m + the proxy's 100m; afterwards app 200m + proxy 100m");
    }

    @Test
    void aContainerWithOnlyLimitsRequestsItsLimits() {
        NodeInfo node = node();
        node.addPod(Fx.yaml("""
                metadata: {name: p, namespace: default}
                spec:
                  containers:
                  - {name: app, resources: {limits: {cpu: "1", memory: 1Gi, ephemeral-storage: 1Gi}, requests: {cpu: 100m}}}
                """));
        assertEquals(100, node.requestedMilliCpu());
        assertEquals(1L << 30, node.requestedMemory());
        assertEquals(1L << 30, node.requestedEphemeralStorage());
    }

    @Test
    void addingAPodAgainReplacesItsEarlierVersion() {
        NodeInfo node = node();
        node.addPod(Fx.pod("p", "1", "1Gi"));
        node.addPod(Fx.pod("p", "2", "1Gi"));
        assertEquals(1, node.podCount());
        assertEquals(2000, node.requestedMilliCpu());
    }

    @Test
    void finishedPodsReleaseTheirResources() {
        NodeInfo node = node();
        ObjectNode pod = Fx.pod("p", "1", "1Gi");
        assertTrue(node.addPod(pod));
        Json.with(pod, "status").put("phase", "Succeeded");
        assertFalse(node.addPod(pod));
        assertEquals(0, node.podCount());
        assertEquals(0, node.requestedMilliCpu());
    }

    @Test
    void removingAPodReleasesItsResources() {
        NodeInfo node = node();
        node.addPod(Fx.pod("a", "1", "1Gi"));
        node.addPod(Fx.pod("b", "500m", "1Gi"));
        assertTrue(node.removePod(Fx.pod("a", null, null)));
        assertFalse(node.removePod(Fx.pod("a", null, null)));
        assertEquals(500, node.requestedMilliCpu());
        assertEquals(1L << 30, node.requestedMemory());
        assertEquals(List.of("b"), node.pods().stream().map(p -> p.at("/metadata/name").asText()).toList());
    }

    @Test
    void anUpdatedNodeKeepsItsPods() {
        NodeInfo node = node();
        node.addPod(Fx.pod("a", "1", "1Gi"));
        node.setNode(Fx.node("n1", "8", "16Gi"));
        assertEquals(8000, node.allocatableMilliCpu());
        assertEquals(1, node.podCount());
        assertEquals(1000, node.requestedMilliCpu());
    }
}
