package io.tinykube.server.controller.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.registry.Objects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One step of a RollingUpdate (upstream's daemon {@code rollingUpdate}), as a pure function of the pods per node.
 * Without surge: old pods are deleted while no more than maxUnavailable desired nodes lack an available pod, and the
 * manage step puts new ones in their place. With surge: new pods go next to old available ones on at most maxSurge
 * nodes, and an old pod goes once the new one beside it is available.
 */
final class RollingUpdate {
    /** What a step needs to know; {@code pods} holds every node with pods and every node that should run one. */
    record State(Map<String, List<ObjectNode>> pods, Predicate<String> shouldRun, String hash, String templateGeneration,
                 long minReadySeconds, Instant now) {
        boolean available(JsonNode pod) {
            return DaemonPods.available(pod, minReadySeconds, now);
        }
    }

    private RollingUpdate() {
    }

    /** Upstream's GetScaledValueFromIntOrPercent, rounding up; null reads as 0. */
    static int scaled(JsonNode intOrPercent, int total) {
        if (intOrPercent == null || intOrPercent.isNull()) {
            return 0;
        }
        if (intOrPercent.isNumber()) {
            return intOrPercent.asInt();
        }
        String text = intOrPercent.asText();
        if (text.endsWith("%")) {
            try {
                int percent = Integer.parseInt(text.substring(0, text.length() - 1));
                return (int) Math.ceil(percent * (double) total / 100);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static NodeChanges plan(State state, int maxSurge, int maxUnavailable, int desired) {
        if (desired > 0 && maxUnavailable == 0 && maxSurge == 0) {
            maxUnavailable = 1; // an impossible configuration gets the default
        }
        return maxSurge == 0 ? withoutSurge(state, maxUnavailable) : withSurge(state, maxSurge, maxUnavailable, desired);
    }

    /** The node's one new and one old pod, ignoring deleting ones; null when it has more of either (manage cleans up). */
    private static JsonNode[] newAndOld(State state, List<ObjectNode> pods) {
        JsonNode newPod = null;
        JsonNode oldPod = null;
        for (ObjectNode pod : pods) {
            if (Objects.isDeleting(pod)) {
                continue;
            }
            if (DaemonPods.updated(pod, state.hash(), state.templateGeneration())) {
                if (newPod != null) {
                    return null;
                }
                newPod = pod;
            } else {
                if (oldPod != null) {
                    return null;
                }
                oldPod = pod;
            }
        }
        return new JsonNode[] {newPod, oldPod};
    }

    private static NodeChanges withoutSurge(State state, int maxUnavailable) {
        int unavailable = 0;
        List<String> replacements = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (List<ObjectNode> pods : sortedByNode(state)) {
            JsonNode[] pair = newAndOld(state, pods);
            if (pair == null) {
                unavailable++;
                continue;
            }
            JsonNode newPod = pair[0];
            JsonNode oldPod = pair[1];
            if ((oldPod == null) == (newPod == null)) {
                unavailable++; // nothing yet, or both: the manage step acts
            } else if (newPod != null) {
                if (!state.available(newPod)) {
                    unavailable++;
                }
            } else if (!state.available(oldPod)) {
                replacements.add(Objects.name(oldPod));
            } else if (unavailable < maxUnavailable) {
                candidates.add(Objects.name(oldPod));
            }
        }
        int remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.size());
        List<String> deletes = new ArrayList<>(replacements);
        deletes.addAll(candidates.subList(0, remaining));
        return new NodeChanges(deletes, List.of());
    }

    private static NodeChanges withSurge(State state, int maxSurge, int maxUnavailable, int desired) {
        List<String> deletes = new ArrayList<>();
        List<String> shouldNotRun = new ArrayList<>();
        List<String> allowedNodes = new ArrayList<>();
        List<String> candidateNodes = new ArrayList<>();
        int surge = 0;
        int available = 0;
        for (Map.Entry<String, List<ObjectNode>> entry : sortedEntries(state)) {
            String node = entry.getKey();
            JsonNode[] pair = newAndOld(state, entry.getValue());
            if (pair == null) {
                surge++;
                continue;
            }
            JsonNode newPod = pair[0];
            JsonNode oldPod = pair[1];
            JsonNode current = oldPod != null ? oldPod : newPod;
            if (current != null && state.available(current)) {
                available++;
            }
            if (oldPod == null) {
                continue; // the manage step handles it
            }
            if (newPod == null) {
                if (!state.available(oldPod)) {
                    if (state.shouldRun().test(node)) {
                        allowedNodes.add(node);
                    } else {
                        deletes.add(Objects.name(oldPod));
                    }
                } else if (!state.shouldRun().test(node)) {
                    shouldNotRun.add(Objects.name(oldPod));
                } else if (surge < maxSurge) {
                    candidateNodes.add(node);
                }
            } else if (!state.available(newPod)) {
                surge++;
            } else {
                deletes.add(Objects.name(oldPod));
            }
        }
        int remainingSurge = Math.min(Math.max(0, maxSurge - surge), candidateNodes.size());
        List<String> creates = new ArrayList<>(allowedNodes);
        creates.addAll(candidateNodes.subList(0, remainingSurge));
        if (!shouldNotRun.isEmpty()) {
            int remaining = Math.min(Math.max(0, maxUnavailable - (desired - available)), shouldNotRun.size());
            deletes.addAll(shouldNotRun.subList(0, remaining));
        }
        return new NodeChanges(deletes, creates);
    }

    private static List<List<ObjectNode>> sortedByNode(State state) {
        List<List<ObjectNode>> lists = new ArrayList<>();
        sortedEntries(state).forEach(entry -> lists.add(entry.getValue()));
        return lists;
    }

    private static List<Map.Entry<String, List<ObjectNode>>> sortedEntries(State state) {
        List<Map.Entry<String, List<ObjectNode>>> entries = new ArrayList<>(state.pods().entrySet());
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }
}
