package io.tinykube.server.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.registry.LabelSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's PodTopologySpread plugin for the pod's own constraints: DoNotSchedule ones filter, ScheduleAnyway ones
 * score. Matching pods are counted per topology value over the nodes each constraint includes (those matching the
 * pod's node affinity, by default). Upstream's cluster-wide default constraints, which need Services and
 * ReplicaSets, are not applied.
 */
final class TopologySpread {
    static final String CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
    static final String MISSING_LABEL = CONSTRAINTS_NOT_MATCH + " (missing required label)";
    private static final String HOSTNAME = "kubernetes.io/hostname";

    private TopologySpread() {
    }

    /** A TopologySpreadConstraint with its defaults applied; matchLabelKeys become equality requirements. */
    record Constraint(int maxSkew, String topologyKey, LabelSelector selector, Map<String, String> matchLabels,
            int minDomains, boolean honorNodeAffinity, boolean honorTaints) {

        boolean selects(PodInfo pod) {
            for (Map.Entry<String, String> label : matchLabels.entrySet()) {
                if (!label.getValue().equals(pod.labels.get(label.getKey()))) {
                    return false;
                }
            }
            return selector.matches(pod.labels);
        }

        /** nodeAffinityPolicy (Honor by default) and nodeTaintsPolicy (Ignore by default). */
        boolean includes(NodeInfo node, Cycle cycle) {
            return (!honorNodeAffinity || cycle.nodeAffinity.matches(node))
                    && (!honorTaints || Toleration.firstUntolerated(node.taints(), cycle.tolerations) == null);
        }

        /** Pods of the incoming pod's namespace this constraint selects on {@code node}; terminating ones do not count. */
        int count(NodeInfo node, PodInfo pod) {
            int count = 0;
            for (PodInfo other : node.podInfos()) {
                if (!other.deleting && other.namespace.equals(pod.namespace) && selects(other)) {
                    count++;
                }
            }
            return count;
        }
    }

    static List<Constraint> constraints(PodInfo pod, String whenUnsatisfiable) {
        List<Constraint> constraints = new ArrayList<>(0);
        for (JsonNode c : pod.pod.path("spec").path("topologySpreadConstraints")) {
            if (!whenUnsatisfiable.equals(c.path("whenUnsatisfiable").asText())) {
                continue;
            }
            Map<String, String> matchLabels = new LinkedHashMap<>();
            for (JsonNode key : c.path("matchLabelKeys")) {
                String value = pod.labels.get(key.asText());
                if (value != null) {
                    matchLabels.put(key.asText(), value);
                }
            }
            constraints.add(new Constraint(c.path("maxSkew").asInt(1), c.path("topologyKey").asText(),
                    LabelSelector.fromObject(c.get("labelSelector")), matchLabels, c.path("minDomains").asInt(1),
                    !"Ignore".equals(c.path("nodeAffinityPolicy").asText("Honor")),
                    "Honor".equals(c.path("nodeTaintsPolicy").asText("Ignore"))));
        }
        return constraints;
    }

    private static boolean hasAllKeys(NodeInfo node, List<Constraint> constraints) {
        for (Constraint c : constraints) {
            if (!node.labels().containsKey(c.topologyKey())) {
                return false;
            }
        }
        return true;
    }

    /** Matching pods per topology value for each DoNotSchedule constraint, and how a removed or added pod changes them. */
    static final class FilterState {
        private final Cycle cycle;
        private final List<Constraint> constraints;
        private final List<Map<String, Integer>> counts;

        private FilterState(Cycle cycle, List<Constraint> constraints, List<Map<String, Integer>> counts) {
            this.cycle = cycle;
            this.constraints = constraints;
            this.counts = counts;
        }

        /** Null when the pod has no DoNotSchedule constraint. */
        static FilterState of(Cycle cycle, Collection<NodeInfo> nodes) {
            List<Constraint> constraints = constraints(cycle.pod, "DoNotSchedule");
            if (constraints.isEmpty()) {
                return null;
            }
            List<Map<String, Integer>> counts = new ArrayList<>(constraints.size());
            for (int i = 0; i < constraints.size(); i++) {
                counts.add(new HashMap<>());
            }
            for (NodeInfo node : nodes) {
                if (!hasAllKeys(node, constraints)) {
                    continue;
                }
                for (int i = 0; i < constraints.size(); i++) {
                    Constraint c = constraints.get(i);
                    if (c.includes(node, cycle)) {
                        counts.get(i).merge(node.labels().get(c.topologyKey()), c.count(node, cycle.pod), Integer::sum);
                    }
                }
            }
            return new FilterState(cycle, constraints, counts);
        }

        FilterState copy(Cycle cycle) {
            List<Map<String, Integer>> copied = new ArrayList<>(counts.size());
            for (Map<String, Integer> map : counts) {
                copied.add(new HashMap<>(map));
            }
            return new FilterState(cycle, constraints, copied);
        }

        void update(PodInfo other, NodeInfo node, int delta) {
            if (!other.namespace.equals(cycle.pod.namespace) || !hasAllKeys(node, constraints)) {
                return;
            }
            for (int i = 0; i < constraints.size(); i++) {
                Constraint c = constraints.get(i);
                if (c.selects(other) && c.includes(node, cycle)) {
                    counts.get(i).merge(node.labels().get(c.topologyKey()), delta, Integer::sum);
                }
            }
        }

        Status filter(NodeInfo node) {
            for (int i = 0; i < constraints.size(); i++) {
                Constraint c = constraints.get(i);
                String value = node.labels().get(c.topologyKey());
                if (value == null) {
                    return Status.unresolvable(MISSING_LABEL);
                }
                Map<String, Integer> domains = counts.get(i);
                // With fewer eligible domains than minDomains, the global minimum counts as 0.
                long min = domains.size() < c.minDomains() ? 0 : minimum(domains);
                long skew = domains.getOrDefault(value, 0) + (c.selects(cycle.pod) ? 1 : 0) - min;
                if (skew > c.maxSkew()) {
                    return Status.unschedulable(CONSTRAINTS_NOT_MATCH);
                }
            }
            return null;
        }

        private static long minimum(Map<String, Integer> domains) {
            long min = Integer.MAX_VALUE;
            for (int count : domains.values()) {
                min = Math.min(min, count);
            }
            return min;
        }
    }

    /**
     * Scores 0–100 for {@code feasible} nodes from the ScheduleAnyway constraints, or null when there are none: fewer
     * matching pods in a node's domains scores higher. Nodes missing a topology key score 0.
     */
    static long[] score(Cycle cycle, Collection<NodeInfo> nodes, List<NodeInfo> feasible) {
        List<Constraint> constraints = constraints(cycle.pod, "ScheduleAnyway");
        if (constraints.isEmpty()) {
            return null;
        }
        List<Map<String, Long>> counts = new ArrayList<>(constraints.size());
        for (int i = 0; i < constraints.size(); i++) {
            counts.add(new HashMap<>());
        }
        boolean[] ignored = new boolean[feasible.size()];
        int scored = 0;
        for (int n = 0; n < feasible.size(); n++) {
            NodeInfo node = feasible.get(n);
            ignored[n] = !hasAllKeys(node, constraints);
            if (ignored[n]) {
                continue;
            }
            scored++;
            for (int i = 0; i < constraints.size(); i++) {
                if (!HOSTNAME.equals(constraints.get(i).topologyKey())) {
                    counts.get(i).putIfAbsent(node.labels().get(constraints.get(i).topologyKey()), 0L);
                }
            }
        }
        double[] weights = new double[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            int size = HOSTNAME.equals(constraints.get(i).topologyKey()) ? scored : counts.get(i).size();
            weights[i] = Math.log(size + 2);
        }
        // Domains are counted over all nodes, but only domains some feasible node is in matter.
        for (NodeInfo node : nodes) {
            if (!hasAllKeys(node, constraints)) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                Constraint c = constraints.get(i);
                Map<String, Long> domains = counts.get(i);
                String value = node.labels().get(c.topologyKey());
                if (!HOSTNAME.equals(c.topologyKey()) && domains.containsKey(value) && c.includes(node, cycle)) {
                    domains.merge(value, (long) c.count(node, cycle.pod), Long::sum);
                }
            }
        }
        long[] raw = new long[feasible.size()];
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int n = 0; n < raw.length; n++) {
            if (ignored[n]) {
                continue;
            }
            NodeInfo node = feasible.get(n);
            double score = 0;
            for (int i = 0; i < constraints.size(); i++) {
                Constraint c = constraints.get(i);
                long count = HOSTNAME.equals(c.topologyKey())
                        ? c.count(node, cycle.pod) : counts.get(i).get(node.labels().get(c.topologyKey()));
                score += count * weights[i] + (c.maxSkew() - 1);
            }
            raw[n] = Math.round(score);
            min = Math.min(min, raw[n]);
            max = Math.max(max, raw[n]);
        }
        long[] result = new long[raw.length];
        for (int n = 0; n < raw.length; n++) {
            if (!ignored[n]) {
                result[n] = max == 0 ? 100 : 100 * (max + min - raw[n]) / max;
            }
        }
        return result;
    }
}
