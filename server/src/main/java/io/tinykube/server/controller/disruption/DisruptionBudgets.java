package io.tinykube.server.controller.disruption;

import com.fasterxml.jackson.databind.JsonNode;

/** The arithmetic of a PodDisruptionBudget: how many pods it wants healthy out of how many expected. */
public final class DisruptionBudgets {
    private DisruptionBudgets() {
    }

    /** Whether the budget's counts need the owning controllers' replica counts, not just the pods that exist. */
    static boolean needsScale(JsonNode spec) {
        JsonNode minAvailable = spec.get("minAvailable");
        return minAvailable == null || minAvailable.isTextual();
    }

    /** desiredHealthy for {@code expected} pods, as upstream: percentages round up, never below zero. */
    static int desiredHealthy(JsonNode spec, int expected) {
        JsonNode minAvailable = spec.get("minAvailable");
        if (minAvailable != null) {
            return scaled(minAvailable, expected);
        }
        JsonNode maxUnavailable = spec.get("maxUnavailable");
        if (maxUnavailable != null) {
            return Math.max(0, expected - scaled(maxUnavailable, expected));
        }
        return expected;
    }

    private static int scaled(JsonNode intOrPercent, int total) {
        if (intOrPercent.isNumber()) {
            return intOrPercent.asInt();
        }
        String text = intOrPercent.asText().trim();
        if (text.endsWith("%")) {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            return (int) Math.ceil(percent * (double) total / 100);
        }
        return Integer.parseInt(text);
    }

    /** A pod whose Ready condition is True. */
    public static boolean isReady(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                return "True".equals(condition.path("status").asText());
            }
        }
        return false;
    }
}
