package io.tinykube.server.scheduler;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's InterPodAffinity plugin: the incoming pod's required pod affinity and anti-affinity, existing pods'
 * required anti-affinity against it, and the preferred terms of both sides for scoring. Counts are kept per
 * topology pair (label key and value), computed once per attempt over all nodes.
 */
final class InterPodAffinity {
    static final String AFFINITY_RULES = "node(s) didn't match pod affinity rules";
    static final String ANTI_AFFINITY_RULES = "node(s) didn't match pod anti-affinity rules";
    static final String EXISTING_ANTI_AFFINITY_RULES = "node(s) didn't satisfy existing pods anti-affinity rules";
    /** Upstream's default HardPodAffinityWeight: how much an existing pod's required affinity counts in scoring. */
    private static final int HARD_POD_AFFINITY_WEIGHT = 1;

    private record Pair(String key, String value) {
    }

    private InterPodAffinity() {
    }

    /** What Filter needs, and how removing or adding a pod (preemption) changes it. */
    static final class FilterState {
        private final PodInfo pod;
        private final PodInfo.NamespaceLabels namespaceLabels;
        /** Topology pairs where an existing pod's required anti-affinity term matches the incoming pod. */
        private final Map<Pair, Long> existingAntiAffinity;
        /** Topology pairs holding pods that match all of the incoming pod's required affinity terms. */
        private final Map<Pair, Long> affinity;
        /** Topology pairs holding pods that one of the incoming pod's required anti-affinity terms matches. */
        private final Map<Pair, Long> antiAffinity;

        private FilterState(PodInfo pod, PodInfo.NamespaceLabels namespaceLabels, Map<Pair, Long> existingAntiAffinity,
                Map<Pair, Long> affinity, Map<Pair, Long> antiAffinity) {
            this.pod = pod;
            this.namespaceLabels = namespaceLabels;
            this.existingAntiAffinity = existingAntiAffinity;
            this.affinity = affinity;
            this.antiAffinity = antiAffinity;
        }

        /** Null when neither the pod nor any existing pod has a required term: nothing to check. */
        static FilterState of(PodInfo pod, Collection<NodeInfo> nodes, PodInfo.NamespaceLabels namespaceLabels) {
            boolean incoming = !pod.requiredAffinityTerms.isEmpty() || !pod.requiredAntiAffinityTerms.isEmpty();
            boolean existing = false;
            for (NodeInfo node : nodes) {
                existing |= node.hasPodsWithRequiredAntiAffinity();
            }
            if (!incoming && !existing) {
                return null;
            }
            FilterState state = new FilterState(pod, namespaceLabels, new HashMap<>(), new HashMap<>(), new HashMap<>());
            for (NodeInfo node : nodes) {
                if (incoming || node.hasPodsWithRequiredAntiAffinity()) {
                    for (PodInfo other : node.podInfos()) {
                        state.update(other, node, 1);
                    }
                }
            }
            return state;
        }

        FilterState copy() {
            return new FilterState(pod, namespaceLabels, new HashMap<>(existingAntiAffinity), new HashMap<>(affinity),
                    new HashMap<>(antiAffinity));
        }

        /** Counts {@code other} on {@code node} in ({@code delta} 1) or out (-1). */
        void update(PodInfo other, NodeInfo node, long delta) {
            for (PodInfo.AffinityTerm term : other.requiredAntiAffinityTerms) {
                if (term.matches(pod, namespaceLabels)) {
                    count(existingAntiAffinity, term, node, delta);
                }
            }
            if (matchesAll(pod.requiredAffinityTerms, other, namespaceLabels)) {
                for (PodInfo.AffinityTerm term : pod.requiredAffinityTerms) {
                    count(affinity, term, node, delta);
                }
            }
            for (PodInfo.AffinityTerm term : pod.requiredAntiAffinityTerms) {
                if (term.matches(other, namespaceLabels)) {
                    count(antiAffinity, term, node, delta);
                }
            }
        }

        Status filter(NodeInfo node) {
            if (!satisfiesAffinity(node)) {
                return Status.unresolvable(AFFINITY_RULES);
            }
            for (PodInfo.AffinityTerm term : pod.requiredAntiAffinityTerms) {
                String value = node.labels().get(term.topologyKey());
                if (value != null && antiAffinity.getOrDefault(new Pair(term.topologyKey(), value), 0L) > 0) {
                    return Status.unschedulable(ANTI_AFFINITY_RULES);
                }
            }
            if (!existingAntiAffinity.isEmpty()) {
                for (Map.Entry<String, String> label : node.labels().entrySet()) {
                    if (existingAntiAffinity.getOrDefault(new Pair(label.getKey(), label.getValue()), 0L) > 0) {
                        return Status.unschedulable(EXISTING_ANTI_AFFINITY_RULES);
                    }
                }
            }
            return null;
        }

        private boolean satisfiesAffinity(NodeInfo node) {
            boolean podsExist = true;
            for (PodInfo.AffinityTerm term : pod.requiredAffinityTerms) {
                String value = node.labels().get(term.topologyKey());
                if (value == null) {
                    return false;
                }
                if (affinity.getOrDefault(new Pair(term.topologyKey(), value), 0L) <= 0) {
                    podsExist = false;
                }
            }
            // The first pod of a group with affinity to itself: no pod matches anywhere yet, so it may go first.
            return podsExist || (affinity.isEmpty() && matchesAll(pod.requiredAffinityTerms, pod, namespaceLabels));
        }
    }

    private static boolean matchesAll(List<PodInfo.AffinityTerm> terms, PodInfo target, PodInfo.NamespaceLabels namespaceLabels) {
        if (terms.isEmpty()) {
            return false;
        }
        for (PodInfo.AffinityTerm term : terms) {
            if (!term.matches(target, namespaceLabels)) {
                return false;
            }
        }
        return true;
    }

    private static void count(Map<Pair, Long> counts, PodInfo.AffinityTerm term, NodeInfo node, long delta) {
        String value = node.labels().get(term.topologyKey());
        if (value != null) {
            counts.merge(new Pair(term.topologyKey(), value), delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /**
     * Scores 0–100 for {@code feasible} nodes, or null when no term of the pod or of existing pods applies. Matching
     * pods add the term's weight (subtract, for anti-affinity) to every node sharing their node's topology value.
     */
    static long[] score(PodInfo pod, Collection<NodeInfo> nodes, List<NodeInfo> feasible, PodInfo.NamespaceLabels namespaceLabels) {
        boolean preferred = !pod.preferredAffinityTerms.isEmpty() || !pod.preferredAntiAffinityTerms.isEmpty();
        Map<Pair, Long> scores = new HashMap<>();
        Map<String, Long> byKey = new HashMap<>();
        for (NodeInfo node : nodes) {
            if (node.labels().isEmpty() || !(preferred || node.hasPodsWithAffinity())) {
                continue;
            }
            // Summed per topology key first: every pod on the node shares the node's topology values.
            byKey.clear();
            for (PodInfo existing : node.podInfos()) {
                addWeighted(byKey, pod.preferredAffinityTerms, existing, 1, namespaceLabels);
                addWeighted(byKey, pod.preferredAntiAffinityTerms, existing, -1, namespaceLabels);
                for (PodInfo.AffinityTerm term : existing.requiredAffinityTerms) {
                    if (term.matches(pod, namespaceLabels)) {
                        byKey.merge(term.topologyKey(), (long) HARD_POD_AFFINITY_WEIGHT, Long::sum);
                    }
                }
                addWeighted(byKey, existing.preferredAffinityTerms, pod, 1, namespaceLabels);
                addWeighted(byKey, existing.preferredAntiAffinityTerms, pod, -1, namespaceLabels);
            }
            for (Map.Entry<String, Long> entry : byKey.entrySet()) {
                String value = node.labels().get(entry.getKey());
                if (value != null && entry.getValue() != 0) {
                    scores.merge(new Pair(entry.getKey(), value), entry.getValue(), Long::sum);
                }
            }
        }
        if (scores.isEmpty()) {
            return null;
        }
        long[] result = new long[feasible.size()];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < result.length; i++) {
            for (Map.Entry<String, String> label : feasible.get(i).labels().entrySet()) {
                result[i] += scores.getOrDefault(new Pair(label.getKey(), label.getValue()), 0L);
            }
            min = Math.min(min, result[i]);
            max = Math.max(max, result[i]);
        }
        for (int i = 0; i < result.length; i++) {
            result[i] = max > min ? (long) (100.0 * (result[i] - min) / (max - min)) : 0;
        }
        return result;
    }

    private static void addWeighted(Map<String, Long> byKey, List<PodInfo.WeightedTerm> terms, PodInfo target, int sign,
            PodInfo.NamespaceLabels namespaceLabels) {
        for (PodInfo.WeightedTerm weighted : terms) {
            if (weighted.term().matches(target, namespaceLabels)) {
                byKey.merge(weighted.term().topologyKey(), (long) sign * weighted.weight(), Long::sum);
            }
        }
    }
}
