package io.tinykube.server.scheduler;

import java.util.Collection;
import java.util.List;

/**
 * Upstream's default score plugins, each 0–100 per node and summed with the default weights: TaintToleration 3,
 * NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2, NodeResourcesFit (LeastAllocated) 1,
 * NodeResourcesBalancedAllocation 1. ImageLocality is left out: nodes do not report their images.
 */
final class Scoring {
    private Scoring() {
    }

    static long[] total(Cycle cycle, Collection<NodeInfo> nodes, List<NodeInfo> feasible) {
        long[] total = new long[feasible.size()];
        add(total, 3, taintToleration(cycle, feasible));
        if (cycle.nodeAffinity.hasPreferred()) {
            long[] scores = new long[feasible.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = cycle.nodeAffinity.preferredScore(feasible.get(i));
            }
            add(total, 2, normalize(scores, false));
        }
        add(total, 2, TopologySpread.score(cycle, nodes, feasible));
        add(total, 2, InterPodAffinity.score(cycle.pod, nodes, feasible, cycle));
        add(total, 1, leastAllocated(cycle.pod, feasible));
        add(total, 1, balancedAllocation(cycle.pod, feasible));
        return total;
    }

    private static void add(long[] total, int weight, long[] scores) {
        if (scores != null) {
            for (int i = 0; i < total.length; i++) {
                total[i] += weight * scores[i];
            }
        }
    }

    /** Fewer PreferNoSchedule taints the pod does not tolerate score higher. */
    private static long[] taintToleration(Cycle cycle, List<NodeInfo> feasible) {
        List<Toleration> tolerations = cycle.tolerations.stream()
                .filter(t -> t.effect().isEmpty() || Toleration.PREFER_NO_SCHEDULE.equals(t.effect())).toList();
        long[] scores = new long[feasible.size()];
        for (int i = 0; i < scores.length; i++) {
            for (Toleration.Taint taint : feasible.get(i).taints()) {
                if (Toleration.PREFER_NO_SCHEDULE.equals(taint.effect()) && !Toleration.tolerated(taint, tolerations)) {
                    scores[i]++;
                }
            }
        }
        return normalize(scores, true);
    }

    /** Upstream's DefaultNormalizeScore: scaled so the highest is 100 (reversed: the lowest). */
    private static long[] normalize(long[] scores, boolean reverse) {
        long max = 0;
        for (long score : scores) {
            max = Math.max(max, score);
        }
        for (int i = 0; i < scores.length; i++) {
            if (max == 0) {
                scores[i] = reverse ? 100 : scores[i];
            } else {
                scores[i] = reverse ? 100 - 100 * scores[i] / max : 100 * scores[i] / max;
            }
        }
        return scores;
    }

    /**
     * The free share of cpu and memory after placing the pod, averaged. Requests count upstream's defaults for
     * containers without one (100m, 200Mi), so pods without requests still spread.
     */
    private static long[] leastAllocated(PodInfo pod, List<NodeInfo> feasible) {
        long[] scores = new long[feasible.size()];
        for (int i = 0; i < scores.length; i++) {
            NodeInfo node = feasible.get(i);
            long sum = 0;
            int resources = 0;
            if (node.allocatableMilliCpu() != 0) {
                sum += free(node.nonZeroMilliCpu() + pod.nonZeroMilliCpu, node.allocatableMilliCpu());
                resources++;
            }
            if (node.allocatableMemory() != 0) {
                sum += free(node.nonZeroMemory() + pod.nonZeroMemory, node.allocatableMemory());
                resources++;
            }
            scores[i] = resources == 0 ? 0 : sum / resources;
        }
        return scores;
    }

    private static long free(long requested, long allocatable) {
        return requested > allocatable ? 0 : (allocatable - requested) * 100 / allocatable;
    }

    /**
     * How close the cpu and memory shares in use are after placing the pod: 100 when equal. Skipped for pods that
     * request neither, so best-effort pods do not pile onto one node.
     */
    private static long[] balancedAllocation(PodInfo pod, List<NodeInfo> feasible) {
        if (pod.milliCpu == 0 && pod.memory == 0) {
            return null;
        }
        long[] scores = new long[feasible.size()];
        for (int i = 0; i < scores.length; i++) {
            NodeInfo node = feasible.get(i);
            double std = 0;
            if (node.allocatableMilliCpu() != 0 && node.allocatableMemory() != 0) {
                double cpu = Math.min(1.0, (double) (node.requestedMilliCpu() + pod.milliCpu) / node.allocatableMilliCpu());
                double memory = Math.min(1.0, (double) (node.requestedMemory() + pod.memory) / node.allocatableMemory());
                std = Math.abs(cpu - memory) / 2;
            }
            scores[i] = (long) ((1 - std) * 100);
        }
        return scores;
    }
}
