package io.tinykube.server.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.Quantities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node and the pods bound to it, with their requests summed, kept up to date as pods come and go: a caller keeps
 * one per node and feeds it every pod event, so scheduling never re-reads quantities. Pods that finished
 * (Succeeded, Failed) hold nothing and are dropped. Not thread-safe: one writer, or the caller locks.
 */
public final class NodeInfo {
    /** Upstream kubelets report 110; a node that reports no pod capacity gets the same. */
    static final long DEFAULT_MAX_PODS = 110;

    private ObjectNode node;
    private String name;
    private Map<String, String> labels;
    private List<Toleration.Taint> taints;
    private boolean unschedulable;
    private long allocatableMilliCpu;
    private long allocatableMemory;
    private long allocatableEphemeralStorage;
    private long allocatablePods;

    private final Map<String, PodInfo> pods;
    private long requestedMilliCpu;
    private long requestedMemory;
    private long requestedEphemeralStorage;
    private long nonZeroMilliCpu;
    private long nonZeroMemory;
    private final Map<PodInfo.HostPort, Integer> usedPorts;
    /** Pods with any pod (anti-)affinity term, so affinity work is skipped on nodes without them. */
    private int podsWithAffinity;
    private int podsWithRequiredAntiAffinity;

    public NodeInfo(ObjectNode node) {
        this.pods = new LinkedHashMap<>();
        this.usedPorts = new HashMap<>(0);
        setNode(node);
    }

    private NodeInfo(NodeInfo other) {
        this.node = other.node;
        this.name = other.name;
        this.labels = other.labels;
        this.taints = other.taints;
        this.unschedulable = other.unschedulable;
        this.allocatableMilliCpu = other.allocatableMilliCpu;
        this.allocatableMemory = other.allocatableMemory;
        this.allocatableEphemeralStorage = other.allocatableEphemeralStorage;
        this.allocatablePods = other.allocatablePods;
        this.pods = new LinkedHashMap<>(other.pods);
        this.requestedMilliCpu = other.requestedMilliCpu;
        this.requestedMemory = other.requestedMemory;
        this.requestedEphemeralStorage = other.requestedEphemeralStorage;
        this.nonZeroMilliCpu = other.nonZeroMilliCpu;
        this.nonZeroMemory = other.nonZeroMemory;
        this.usedPorts = new HashMap<>(other.usedPorts);
        this.podsWithAffinity = other.podsWithAffinity;
        this.podsWithRequiredAntiAffinity = other.podsWithRequiredAntiAffinity;
    }

    /** A copy whose pods can change without touching this one (preemption tries removals on it). */
    NodeInfo copy() {
        return new NodeInfo(this);
    }

    /** Takes a new version of the node (labels, taints, allocatable); its pods stay. */
    public void setNode(ObjectNode node) {
        this.node = node;
        this.name = Objects.name(node);
        this.labels = Objects.labels(node);
        this.taints = Toleration.Taint.of(node);
        this.unschedulable = node.path("spec").path("unschedulable").asBoolean(false);
        JsonNode allocatable = node.path("status").path("allocatable");
        this.allocatableMilliCpu = Quantities.milliValue(allocatable.path("cpu").asText(null));
        this.allocatableMemory = Quantities.value(allocatable.path("memory").asText(null));
        this.allocatableEphemeralStorage = Quantities.value(allocatable.path("ephemeral-storage").asText(null));
        String maxPods = allocatable.path("pods").asText(null);
        this.allocatablePods = maxPods == null ? DEFAULT_MAX_PODS : Quantities.value(maxPods);
    }

    /**
     * Records {@code pod} as bound here, replacing an earlier version of it (same namespace and name); a pod that
     * has finished is removed instead. Returns whether the pod is now counted.
     */
    public boolean addPod(ObjectNode pod) {
        PodInfo info = new PodInfo(pod);
        remove(info.key);
        if (isTerminal(pod)) {
            return false;
        }
        add(info);
        return true;
    }

    /** Forgets {@code pod} (matched by namespace and name); whether it was here. */
    public boolean removePod(ObjectNode pod) {
        return remove(java.util.Objects.requireNonNullElse(Objects.namespace(pod), "") + "/"
                + java.util.Objects.requireNonNullElse(Objects.name(pod), ""));
    }

    /** Succeeded and Failed pods no longer hold resources on their node. */
    public static boolean isTerminal(JsonNode pod) {
        String phase = Json.text(pod, "status", "phase");
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    void add(PodInfo info) {
        pods.put(info.key, info);
        account(info, 1);
    }

    boolean remove(String key) {
        PodInfo info = pods.remove(key);
        if (info == null) {
            return false;
        }
        account(info, -1);
        return true;
    }

    private void account(PodInfo info, int sign) {
        requestedMilliCpu += sign * info.milliCpu;
        requestedMemory += sign * info.memory;
        requestedEphemeralStorage += sign * info.ephemeralStorage;
        nonZeroMilliCpu += sign * info.nonZeroMilliCpu;
        nonZeroMemory += sign * info.nonZeroMemory;
        for (PodInfo.HostPort port : info.hostPorts) {
            usedPorts.merge(port, sign, (a, b) -> a + b == 0 ? null : a + b);
        }
        if (info.hasPodAffinity()) {
            podsWithAffinity += sign;
        }
        if (!info.requiredAntiAffinityTerms.isEmpty()) {
            podsWithRequiredAntiAffinity += sign;
        }
    }

    public String name() {
        return name;
    }

    public ObjectNode node() {
        return node;
    }

    /** The pods counted on this node, in the order they were added. */
    public List<ObjectNode> pods() {
        List<ObjectNode> result = new ArrayList<>(pods.size());
        for (PodInfo info : pods.values()) {
            result.add(info.pod);
        }
        return result;
    }

    public int podCount() {
        return pods.size();
    }

    public long requestedMilliCpu() {
        return requestedMilliCpu;
    }

    public long requestedMemory() {
        return requestedMemory;
    }

    public long requestedEphemeralStorage() {
        return requestedEphemeralStorage;
    }

    public long allocatableMilliCpu() {
        return allocatableMilliCpu;
    }

    public long allocatableMemory() {
        return allocatableMemory;
    }

    public long allocatableEphemeralStorage() {
        return allocatableEphemeralStorage;
    }

    public long allocatablePods() {
        return allocatablePods;
    }

    Map<String, String> labels() {
        return labels;
    }

    List<Toleration.Taint> taints() {
        return taints;
    }

    boolean unschedulable() {
        return unschedulable;
    }

    boolean deleting() {
        return Objects.isDeleting(node);
    }

    Iterable<PodInfo> podInfos() {
        return Collections.unmodifiableCollection(pods.values());
    }

    long nonZeroMilliCpu() {
        return nonZeroMilliCpu;
    }

    long nonZeroMemory() {
        return nonZeroMemory;
    }

    boolean portsConflict(List<PodInfo.HostPort> wanted) {
        for (PodInfo.HostPort port : wanted) {
            for (PodInfo.HostPort used : usedPorts.keySet()) {
                if (port.conflicts(used)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean hasPodsWithAffinity() {
        return podsWithAffinity > 0;
    }

    boolean hasPodsWithRequiredAntiAffinity() {
        return podsWithRequiredAntiAffinity > 0;
    }
}
