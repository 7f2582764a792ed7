package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** InterPodAffinity: required pod affinity and anti-affinity by hostname or zone, both ways, and preferred terms. */
class SchedulerInterPodAffinityTest {

    private final List<NodeInfo> nodes = Fx.infos(
            Fx.node("a1", "4", "8Gi", "labels: {topology.kubernetes.io/zone: a}"),
            Fx.node("a2", "4", "8Gi", "labels: {topology.kubernetes.io/zone: a}"),
            Fx.node("b1", "4", "8Gi", "labels: {topology.kubernetes.io/zone: b}"));

    private static ObjectNode pod(String name, String app, String affinity) {
        ObjectNode pod = Fx.labelled(Fx.pod(name, null, null), "app", app);
        return affinity == null ? pod : Fx.withSpec(pod, "affinity: " + affinity);
    }

    private static String required(String kind, String app, String topologyKey) {
        return "{" + kind + ": {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: "
                + app + "}}, topologyKey: " + topologyKey + "}]}}";
    }

    @Test
    void affinityFollowsTheMatchingPodsZone() {
        Fx.bind(nodes, "b1", pod("db", "db", null));
        assertEquals("b1", Fx.schedule(pod("web", "web", required("podAffinity", "db", "topology.kubernetes.io/zone")), nodes));
    }

    @Test
    void affinityWithNoMatchingPodAnywhereFails() {
        Fx.bind(nodes, "b1", pod("cache", "cache", null));
        assertEquals("0/3 nodes are available: 3 node(s) didn't match pod affinity rules."
                        + " preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
                Fx.schedule(pod("web", "web", required("podAffinity", "db", "kubernetes.io/hostname")), nodes));
    }

    @Test
    void theFirstPodOfAGroupWithAffinityToItselfMayStartIt() {
        String self = required("podAffinity", "web", "topology.kubernetes.io/zone");
        String first = Fx.schedule(pod("web-0", "web", self), nodes);
        Fx.bind(nodes, first, pod("web-0", "web", self));
        String zone = Fx.info(nodes, first).labels().get("topology.kubernetes.io/zone");
        for (int i = 1; i < 4; i++) {
            String next = Fx.schedule(pod("web-" + i, "web", self), nodes);
            assertEquals(zone, Fx.info(nodes, next).labels().get("topology.kubernetes.io/zone"));
            Fx.bind(nodes, next, pod("web-" + i, "web", self));
        }
    }

    @Test
    void antiAffinityByHostnameSpreadsReplicasAndStopsWhenNodesRunOut() {
        String spread = required("podAntiAffinity", "web", "kubernetes.io/hostname");
        for (int i = 0; i < 3; i++) {
            Fx.bind(nodes, Fx.schedule(pod("web-" + i, "web", spread), nodes), pod("web-" + i, "web", spread));
        }
        for (NodeInfo node : nodes) {
            assertEquals(1, node.podCount());
        }
        assertEquals("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules."
                        + " preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
                Fx.schedule(pod("web-3", "web", spread), nodes));
    }

    @Test
    void existingPodsAntiAffinityKeepsMatchingPodsOutOfTheirZone() {
        Fx.bind(nodes, "a1", pod("loner", "loner", required("podAntiAffinity", "noisy", "topology.kubernetes.io/zone")));
        assertEquals("b1", Fx.schedule(pod("noisy", "noisy", null), nodes));
        nodes.get(2).setNode(Fx.node("b1", "4", "8Gi", "spec: {unschedulable: true}"));
        assertEquals("0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't satisfy existing pods anti-affinity rules."
                        + " preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
                        + "2 No preemption victims found for incoming pod.",
                Fx.schedule(pod("noisy", "noisy", null), nodes));
    }

    @Test
    void termsLookAtThePodsOwnNamespaceByDefault() {
        ObjectNode elsewhere = pod("db", "db", null);
        Json.with(elsewhere, "metadata").put("namespace", "other");
        Fx.bind(nodes, "b1", elsewhere);
        String affinity = required("podAffinity", "db", "kubernetes.io/hostname");
        assertEquals("0/3 nodes are available: 3 node(s) didn't match pod affinity rules."
                        + " preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
                Fx.schedule(pod("web", "web", affinity), nodes));
        String anyNamespace = "{podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: "
                + "{app: db}}, namespaceSelector: {matchLabels: {team: data}}, topologyKey: kubernetes.io/hostname}]}}";
        Scheduler scheduler = new Scheduler(ns -> ns.equals("other") ? Map.of("team", "data") : Map.of());
        assertEquals("b1", scheduler.schedule(pod("web", "web", anyNamespace), nodes).nodeName());
    }

    @Test
    void preferredAffinityAndAntiAffinityScore() {
        Fx.bind(nodes, "a2", pod("db", "db", null));
        String near = "{podAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 50, podAffinityTerm: "
                + "{labelSelector: {matchLabels: {app: db}}, topologyKey: kubernetes.io/hostname}}]}}";
        assertEquals("a2", Fx.schedule(pod("web", "web", near), nodes));
        String far = "{podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 50, podAffinityTerm: "
                + "{labelSelector: {matchLabels: {app: db}}, topologyKey: topology.kubernetes.io/zone}}]}}";
        assertEquals("b1", Fx.schedule(pod("web", "web", far), nodes));
    }
}
