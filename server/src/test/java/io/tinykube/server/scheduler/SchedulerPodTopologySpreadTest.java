package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PodTopologySpread: DoNotSchedule constraints bound the skew between domains; ScheduleAnyway ones prefer the emptiest. */
class SchedulerPodTopologySpreadTest {

    private final List<NodeInfo> nodes = Fx.infos(
            Fx.node("a1", "4", "8Gi", "labels: {topology.kubernetes.io/zone: a}"),
            Fx.node("a2", "4", "8Gi", "labels: {topology.kubernetes.io/zone: a}"),
            Fx.node("b1", "4", "8Gi", "labels: {topology.kubernetes.io/zone: b}"));

    private static ObjectNode pod(String name, String constraint) {
        ObjectNode pod = Fx.labelled(Fx.pod(name, null, null), "app", "web");
        return constraint == null ? pod : Fx.withSpec(pod, "topologySpreadConstraints: [" + constraint + "]");
    }

    private static String zone(int maxSkew, String when) {
        return "{maxSkew: " + maxSkew + ", topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: " + when
                + ", labelSelector: {matchLabels: {app: web}}}";
    }

    @Test
    void doNotScheduleKeepsTheSkewWithinMaxSkew() {
        Fx.bind(nodes, "a1", pod("web-0", null));
        assertEquals("b1", Fx.schedule(pod("web-1", zone(1, "DoNotSchedule")), nodes));
        Fx.bind(nodes, "a2", pod("web-1", null));
        Fx.bind(nodes, "b1", Fx.pod("busy", "4", null));
        assertEquals("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match pod topology spread constraints."
                        + " preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
                Fx.schedule(Fx.withSpec(pod("web-2", zone(1, "DoNotSchedule")),
                        "containers: [{name: app, resources: {requests: {cpu: '1'}}}]"), nodes));
    }

    @Test
    void nodesWithoutTheTopologyKeyAreFilteredAsMissingTheLabel() {
        List<NodeInfo> mixed = Fx.infos(Fx.node("bare", "4", "8Gi"), Fx.node("a1", "4", "8Gi", "labels: {topology.kubernetes.io/zone: a}"));
        assertEquals("a1", Fx.schedule(pod("web-0", zone(1, "DoNotSchedule")), mixed));
        Fx.bind(mixed, "a1", pod("web-0", null));
        mixed.get(1).setNode(Fx.node("a1", "4", "8Gi", "labels: {topology.kubernetes.io/zone: a}\nspec: {unschedulable: true}"));
        assertEquals("0/2 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label), "
                        + "1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
                Fx.schedule(pod("web-1", zone(1, "DoNotSchedule")), mixed));
    }

    @Test
    void minDomainsCountsMissingDomainsAsEmpty() {
        String constraint = "{maxSkew: 1, minDomains: 3, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule,"
                + " labelSelector: {matchLabels: {app: web}}}";
        Fx.bind(nodes, "a1", pod("web-0", null));
        Fx.bind(nodes, "b1", pod("web-1", null));
        assertEquals("0/3 nodes are available: 3 node(s) didn't match pod topology spread constraints."
                        + " preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
                Fx.schedule(pod("web-2", constraint), nodes), "only 2 of 3 zones exist, so the minimum is 0 and each zone holds 1");
    }

    @Test
    void podsOutsideTheSelectorOrNamespaceDoNotCount() {
        Fx.bind(nodes, "b1", Fx.labelled(Fx.pod("other", null, null), "app", "db"));
        Fx.bind(nodes, "a1", pod("web-0", null));
        assertEquals("b1", Fx.schedule(pod("web-1", zone(1, "DoNotSchedule")), nodes));
    }

    @Test
    void scheduleAnywayPrefersTheZoneWithFewestMatchingPods() {
        Fx.bind(nodes, "a1", pod("web-0", null));
        Fx.bind(nodes, "b1", Fx.pod("busy", "3", "6Gi"));
        assertEquals("b1", Fx.schedule(pod("web-1", zone(1, "ScheduleAnyway")), nodes));
    }

    @Test
    void hostnameSpreadingPlacesOnePerNodeFirst() {
        String host = "{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule,"
                + " labelSelector: {matchLabels: {app: web}}}";
        for (int i = 0; i < 6; i++) {
            Fx.bind(nodes, Fx.schedule(pod("web-" + i, host), nodes), pod("web-" + i, null));
        }
        for (NodeInfo node : nodes) {
            assertEquals(2, node.podCount(), node.name());
        }
    }
}
