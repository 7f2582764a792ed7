package io.tinykube.server.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * kube-scheduler's algorithm for one pod, as a pure function of the pod and the nodes with their pods: filter
 * (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, PodTopologySpread,
 * InterPodAffinity), score the nodes that pass, pick the best; when none passes, explain why in upstream's words
 * and try preemption. Nodes being deleted are not offered. Stateless apart from what the caller passes in.
 */
public final class Scheduler {
    static final String NO_NODES = "no nodes available to schedule pods";

    private final Function<String, Map<String, String>> namespaceLabels;

    /** A scheduler for pods whose affinity terms use no namespaceSelector (every namespace reads as unlabelled). */
    public Scheduler() {
        this(namespace -> Map.of());
    }

    /** {@code namespaceLabels} gives a namespace's labels, for pod affinity terms with a namespaceSelector. */
    public Scheduler(Function<String, Map<String, String>> namespaceLabels) {
        this.namespaceLabels = namespaceLabels;
    }

    /** Where {@code pod} should go among {@code nodes}, or why it cannot go anywhere. */
    public ScheduleResult schedule(ObjectNode pod, Collection<NodeInfo> nodes) {
        List<NodeInfo> candidates = new ArrayList<>(nodes.size());
        for (NodeInfo node : nodes) {
            if (!node.deleting()) {
                candidates.add(node);
            }
        }
        if (candidates.isEmpty()) {
            return ScheduleResult.unschedulable(NO_NODES);
        }
        Cycle cycle = new Cycle(new PodInfo(pod), nodes, namespaceLabels);
        List<NodeInfo> feasible = new ArrayList<>(candidates.size());
        Map<String, Status> statuses = new LinkedHashMap<>();
        for (NodeInfo node : candidates) {
            Status status = cycle.filter(node);
            if (status == null) {
                feasible.add(node);
            } else {
                statuses.put(node.name(), status);
            }
        }
        if (feasible.isEmpty()) {
            String message = fitError(candidates.size(), statuses.values(), null);
            return Preemption.preempt(cycle, candidates, statuses, message);
        }
        if (feasible.size() == 1) {
            return ScheduleResult.scheduled(feasible.get(0).name());
        }
        long[] scores = Scoring.total(cycle, nodes, feasible);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best] || (scores[i] == scores[best] && lessLoaded(feasible.get(i), feasible.get(best)))) {
                best = i;
            }
        }
        return ScheduleResult.scheduled(feasible.get(best).name());
    }

    /**
     * Where a DaemonSet wants a pod: {@code shouldRun} when a new pod may go there, {@code shouldContinueRunning} when a
     * pod already there may stay (it tolerates every NoExecute taint though not some NoSchedule one).
     */
    public record DaemonFit(boolean shouldRun, boolean shouldContinueRunning) {
    }

    /**
     * The DaemonSet controller's predicates (upstream's daemon NodeShouldRunDaemonPod): the pod's nodeName, its
     * nodeSelector and required node affinity, and the node's NoSchedule and NoExecute taints against its
     * tolerations. Resources, ports and unschedulable nodes do not count, as upstream.
     */
    public static DaemonFit daemonPodFits(JsonNode pod, ObjectNode node) {
        NodeInfo info = new NodeInfo(node);
        String nodeName = Json.text(pod, "spec", "nodeName");
        if (nodeName != null && !nodeName.isEmpty() && !nodeName.equals(info.name()) || !new NodeAffinity(pod).matches(info)) {
            return new DaemonFit(false, false);
        }
        List<Toleration> tolerations = Toleration.of(pod);
        if (Toleration.firstUntolerated(info.taints(), tolerations) == null) {
            return new DaemonFit(true, true);
        }
        for (Toleration.Taint taint : info.taints()) {
            if (Toleration.NO_EXECUTE.equals(taint.effect()) && !Toleration.tolerated(taint, tolerations)) {
                return new DaemonFit(false, false);
            }
        }
        return new DaemonFit(false, true);
    }

    /** Ties go to the node with fewer pods, then the first name: deterministic, and it spreads. */
    private static boolean lessLoaded(NodeInfo a, NodeInfo b) {
        if (a.podCount() != b.podCount()) {
            return a.podCount() < b.podCount();
        }
        return Json.compareGoStrings(a.name(), b.name()) < 0;
    }

    /**
     * Upstream's FitError text: {@code 0/N nodes are available: } and each reason with the number of nodes giving it,
     * sorted as strings; nodes without a status of their own count under {@code absentReason}.
     */
    static String fitError(int nodes, Collection<Status> statuses, String absentReason) {
        Map<String, Integer> counts = new HashMap<>();
        for (Status status : statuses) {
            for (String reason : status.reasons()) {
                counts.merge(reason, 1, Integer::sum);
            }
        }
        if (absentReason != null && statuses.size() < nodes) {
            counts.merge(absentReason, nodes - statuses.size(), Integer::sum);
        }
        List<String> histogram = new ArrayList<>(counts.size());
        counts.forEach((reason, count) -> histogram.add(count + " " + reason));
        histogram.sort(Json::compareGoStrings);
        StringBuilder message = new StringBuilder("0/").append(nodes).append(" nodes are available:");
        if (!histogram.isEmpty()) {
            message.append(' ').append(String.join(", ", histogram)).append('.');
        }
        return message.toString();
    }
}
