package io.tinykube.server.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's DefaultPreemption, as a dry run: on each node that failed for a reason removing pods can fix, remove
 * every lower-priority pod, check the pod fits, then give back as many as still let it fit, most important first.
 * The node whose victims matter least wins. PodDisruptionBudgets are not consulted (every victim counts as not
 * violating one), and pods nominated to a node are not held against others.
 */
final class Preemption {
    static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    static final String POLICY_NEVER = "not eligible due to preemptionPolicy=Never.";
    static final String TERMINATING_ON_NOMINATED = "not eligible due to a terminating pod on the nominated node.";

    private record Candidate(NodeInfo node, List<PodInfo> victims) {
        long prioritySum() {
            long sum = 0;
            for (PodInfo victim : victims) {
                sum += victim.priority + (long) Integer.MAX_VALUE + 1;
            }
            return sum;
        }

        /** The earliest start among the highest-priority victims; later is better to disturb. */
        Instant earliestStartOfMostImportant() {
            Instant earliest = null;
            for (PodInfo victim : victims) {
                if (victim.priority == victims.get(0).priority && PodInfo.compareStart(victim.startTime, earliest) < 0) {
                    earliest = victim.startTime;
                }
            }
            return earliest;
        }

        /** Upstream's pickOneNodeForPreemption order, past the PDB criterion. */
        boolean betterThan(Candidate other) {
            int highest = Integer.compare(victims.get(0).priority, other.victims.get(0).priority);
            if (highest != 0) {
                return highest < 0;
            }
            int sum = Long.compare(prioritySum(), other.prioritySum());
            if (sum != 0) {
                return sum < 0;
            }
            if (victims.size() != other.victims.size()) {
                return victims.size() < other.victims.size();
            }
            return PodInfo.compareStart(earliestStartOfMostImportant(), other.earliestStartOfMostImportant()) > 0;
        }
    }

    private Preemption() {
    }

    /**
     * After no node fitted ({@code statuses} by node name), looks for a node where preemption makes room. The result
     * carries {@code fitMessage}, followed by why preemption did not help when it did not.
     */
    static ScheduleResult preempt(Cycle cycle, List<NodeInfo> nodes, Map<String, Status> statuses, String fitMessage) {
        String ineligible = ineligibility(cycle, nodes, statuses);
        if (ineligible != null) {
            return ScheduleResult.unschedulable(fitMessage + " preemption: " + ineligible);
        }
        Map<String, Status> failures = new LinkedHashMap<>();
        Candidate best = null;
        for (NodeInfo node : nodes) {
            if (!statuses.get(node.name()).resolvable()) {
                continue;
            }
            Candidate candidate = candidate(cycle, node, failures);
            if (candidate != null && (best == null || candidate.betterThan(best))) {
                best = candidate;
            }
        }
        if (best == null) {
            return ScheduleResult.unschedulable(fitMessage + " preemption: "
                    + Scheduler.fitError(nodes.size(), failures.values(), NOT_HELPFUL));
        }
        List<ObjectNode> victims = new ArrayList<>(best.victims.size());
        for (PodInfo victim : best.victims) {
            victims.add(victim.pod);
        }
        return ScheduleResult.preempting(fitMessage, best.node.name(), victims);
    }

    /** Why the pod may not preempt (upstream's PodEligibleToPreemptOthers), or null when it may. */
    private static String ineligibility(Cycle cycle, List<NodeInfo> nodes, Map<String, Status> statuses) {
        if ("Never".equals(Json.text(cycle.pod.pod, "spec", "preemptionPolicy"))) {
            return POLICY_NEVER;
        }
        // While victims of an earlier preemption are still terminating, wait for them rather than preempt more.
        String nominated = Json.text(cycle.pod.pod, "status", "nominatedNodeName");
        Status nominatedStatus = nominated == null ? null : statuses.get(nominated);
        if (nominatedStatus != null && nominatedStatus.resolvable()) {
            for (NodeInfo node : nodes) {
                if (node.name().equals(nominated)) {
                    for (PodInfo other : node.podInfos()) {
                        if (other.priority < cycle.pod.priority && terminatingByPreemption(other)) {
                            return TERMINATING_ON_NOMINATED;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static boolean terminatingByPreemption(PodInfo pod) {
        if (!pod.deleting) {
            return false;
        }
        for (JsonNode condition : pod.pod.path("status").path("conditions")) {
            if ("DisruptionTarget".equals(condition.path("type").asText())) {
                return "True".equals(condition.path("status").asText())
                        && "PreemptionByScheduler".equals(condition.path("reason").asText());
            }
        }
        return false;
    }

    /** The fewest, least important pods whose removal lets the pod onto {@code node}; null (and why, in failures) if none. */
    private static Candidate candidate(Cycle cycle, NodeInfo node, Map<String, Status> failures) {
        List<PodInfo> potential = new ArrayList<>();
        for (PodInfo other : node.podInfos()) {
            if (other.priority < cycle.pod.priority) {
                potential.add(other);
            }
        }
        if (potential.isEmpty()) {
            failures.put(node.name(), Status.unresolvable(NO_VICTIMS));
            return null;
        }
        NodeInfo trial = node.copy();
        Cycle state = cycle.copy();
        for (PodInfo victim : potential) {
            state.removed(victim, trial);
        }
        Status status = state.filter(trial);
        if (status != null) {
            failures.put(node.name(), status);
            return null;
        }
        potential.sort(PodInfo::byImportance);
        List<PodInfo> victims = new ArrayList<>();
        for (PodInfo pod : potential) {
            state.added(pod, trial);
            if (state.filter(trial) != null) {
                state.removed(pod, trial);
                victims.add(pod);
            }
        }
        return victims.isEmpty() ? null : new Candidate(node, victims);
    }
}
