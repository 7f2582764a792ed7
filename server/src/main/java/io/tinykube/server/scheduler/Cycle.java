package io.tinykube.server.scheduler;

import io.tinykube.server.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One scheduling attempt of one pod: what is parsed once (upstream's PreFilter and CycleState), and the filters,
 * run in upstream's default order, stopping at the first that rejects a node.
 */
final class Cycle implements PodInfo.NamespaceLabels {
    static final String UNSCHEDULABLE = "node(s) were unschedulable";
    static final String NODE_NAME = "node(s) didn't match the requested node name";
    static final String NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
    static final String NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
    static final String TOO_MANY_PODS = "Too many pods";
    static final String INSUFFICIENT_CPU = "Insufficient cpu";
    static final String INSUFFICIENT_MEMORY = "Insufficient memory";
    static final String INSUFFICIENT_EPHEMERAL_STORAGE = "Insufficient ephemeral-storage";
    private static final Toleration.Taint UNSCHEDULABLE_TAINT =
            new Toleration.Taint("node.kubernetes.io/unschedulable", "", Toleration.NO_SCHEDULE);

    final PodInfo pod;
    final String nodeName;
    final List<Toleration> tolerations;
    final NodeAffinity nodeAffinity;
    private final Function<String, Map<String, String>> namespaceLabelsSource;
    private final Map<String, Map<String, String>> namespaceLabels;
    InterPodAffinity.FilterState affinity;
    TopologySpread.FilterState spread;

    Cycle(PodInfo pod, Collection<NodeInfo> nodes, Function<String, Map<String, String>> namespaceLabels) {
        this.pod = pod;
        this.nodeName = Json.text(pod.pod, "spec", "nodeName");
        this.tolerations = Toleration.of(pod.pod);
        this.nodeAffinity = new NodeAffinity(pod.pod);
        this.namespaceLabelsSource = namespaceLabels;
        this.namespaceLabels = new HashMap<>();
        this.affinity = InterPodAffinity.FilterState.of(pod, nodes, this);
        this.spread = TopologySpread.FilterState.of(this, nodes);
    }

    private Cycle(Cycle other) {
        this.pod = other.pod;
        this.nodeName = other.nodeName;
        this.tolerations = other.tolerations;
        this.nodeAffinity = other.nodeAffinity;
        this.namespaceLabelsSource = other.namespaceLabelsSource;
        this.namespaceLabels = other.namespaceLabels;
        this.affinity = other.affinity == null ? null : other.affinity.copy();
        this.spread = other.spread == null ? null : other.spread.copy(this);
    }

    /** A copy whose counts can follow pods removed from and added back to one node (preemption's dry run). */
    Cycle copy() {
        return new Cycle(this);
    }

    @Override
    public Map<String, String> of(String namespace) {
        return namespaceLabels.computeIfAbsent(namespace, ns -> {
            Map<String, String> labels = namespaceLabelsSource.apply(ns);
            return labels == null ? Map.of() : labels;
        });
    }

    void removed(PodInfo other, NodeInfo node) {
        node.remove(other.key);
        if (affinity != null) {
            affinity.update(other, node, -1);
        }
        if (spread != null) {
            spread.update(other, node, -1);
        }
    }

    void added(PodInfo other, NodeInfo node) {
        node.add(other);
        if (affinity != null) {
            affinity.update(other, node, 1);
        }
        if (spread != null) {
            spread.update(other, node, 1);
        }
    }

    /** Null when {@code node} can take the pod, else why not. */
    Status filter(NodeInfo node) {
        if (node.unschedulable() && !Toleration.tolerated(UNSCHEDULABLE_TAINT, tolerations)) {
            return Status.unresolvable(UNSCHEDULABLE);
        }
        if (nodeName != null && !nodeName.isEmpty() && !nodeName.equals(node.name())) {
            return Status.unresolvable(NODE_NAME);
        }
        Toleration.Taint taint = Toleration.firstUntolerated(node.taints(), tolerations);
        if (taint != null) {
            return Status.unresolvable("node(s) had untolerated taint {" + taint.key() + ": " + taint.value() + "}");
        }
        if (!nodeAffinity.matches(node)) {
            return Status.unresolvable(NODE_AFFINITY);
        }
        if (!pod.hostPorts.isEmpty() && node.portsConflict(pod.hostPorts)) {
            return Status.unschedulable(NODE_PORTS);
        }
        Status status = fit(node);
        if (status == null && spread != null) {
            status = spread.filter(node);
        }
        if (status == null && affinity != null) {
            status = affinity.filter(node);
        }
        return status;
    }

    /** NodeResourcesFit; a request larger than the whole node is unresolvable, as no preemption frees enough. */
    private Status fit(NodeInfo node) {
        List<String> reasons = null;
        boolean resolvable = true;
        if (node.podCount() + 1 > node.allocatablePods()) {
            reasons = new ArrayList<>(4);
            reasons.add(TOO_MANY_PODS);
        }
        long[][] resources = {
            {pod.milliCpu, node.allocatableMilliCpu(), node.requestedMilliCpu()},
            {pod.memory, node.allocatableMemory(), node.requestedMemory()},
            {pod.ephemeralStorage, node.allocatableEphemeralStorage(), node.requestedEphemeralStorage()},
        };
        String[] insufficient = {INSUFFICIENT_CPU, INSUFFICIENT_MEMORY, INSUFFICIENT_EPHEMERAL_STORAGE};
        for (int i = 0; i < resources.length; i++) {
            long wanted = resources[i][0];
            if (wanted > 0 && wanted > resources[i][1] - resources[i][2]) {
                if (reasons == null) {
                    reasons = new ArrayList<>(4);
                }
                reasons.add(insufficient[i]);
                resolvable &= wanted <= resources[i][1];
            }
        }
        return reasons == null ? null : new Status(resolvable, List.copyOf(reasons));
    }
}
