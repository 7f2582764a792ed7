package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/**
 * Which pods a scale-down deletes first, least useful first (upstream's ActivePodsWithRanks): unassigned
 * before assigned, Pending before Unknown before Running, not ready before ready, lower
 * pod-deletion-cost first, pods doubled up on a node with related pods first, more recently ready
 * first, more restarts first, newer first — times compared in logarithmic buckets
 * (LogarithmicScaleDown), ties broken by uid.
 */
final class DeletionRanking implements Comparator<ObjectNode> {
    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
    private static final Map<String, Integer> PHASE_ORDER = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    /** Related pods on the pod's node (upstream's rank); more goes first. */
    private final Map<String, Integer> podsOnNode;
    private final Instant now;

    DeletionRanking(Map<String, Integer> podsOnNode, Instant now) {
        this.podsOnNode = podsOnNode;
        this.now = now;
    }

    @Override
    public int compare(ObjectNode a, ObjectNode b) {
        String nodeA = nodeName(a);
        String nodeB = nodeName(b);
        if (!nodeA.equals(nodeB) && (nodeA.isEmpty() || nodeB.isEmpty())) {
            return nodeA.isEmpty() ? -1 : 1;
        }
        int phase = Integer.compare(PHASE_ORDER.getOrDefault(Pods.phase(a), 0), PHASE_ORDER.getOrDefault(Pods.phase(b), 0));
        if (phase != 0) {
            return phase;
        }
        boolean readyA = Pods.isReady(a);
        boolean readyB = Pods.isReady(b);
        if (readyA != readyB) {
            return readyA ? 1 : -1;
        }
        int cost = Integer.compare(deletionCost(a), deletionCost(b));
        if (cost != 0) {
            return cost;
        }
        int rank = Integer.compare(podsOnNode.getOrDefault(nodeB, 0), podsOnNode.getOrDefault(nodeA, 0));
        if (rank != 0) {
            return rank;
        }
        if (readyA) {
            int ready = newerFirst(Pods.readySince(a), Pods.readySince(b), a, b);
            if (ready != 0) {
                return ready;
            }
        }
        int restarts = Integer.compare(Pods.maxRestarts(b), Pods.maxRestarts(a));
        if (restarts != 0) {
            return restarts;
        }
        return newerFirst(Pods.created(a), Pods.created(b), a, b);
    }

    private static String nodeName(JsonNode pod) {
        String node = Json.text(pod, "spec", "nodeName");
        return node == null ? "" : node;
    }

    private static int deletionCost(JsonNode pod) {
        String cost = Json.text(pod, "metadata", "annotations", DELETION_COST);
        try {
            return cost == null ? 0 : Integer.parseInt(cost);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Missing times first, then the more recent, in log2 buckets of their age; equal buckets by uid. */
    private int newerFirst(Instant a, Instant b, JsonNode podA, JsonNode podB) {
        if (java.util.Objects.equals(a, b)) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        int diff = Integer.compare(bucket(a), bucket(b));
        if (diff != 0) {
            return diff;
        }
        return Json.text(podA, "metadata", "uid").compareTo(Json.text(podB, "metadata", "uid"));
    }

    private int bucket(Instant time) {
        long nanos = Duration.between(time, now).toNanos();
        return nanos > 0 ? 63 - Long.numberOfLeadingZeros(nanos) : -1;
    }
}
