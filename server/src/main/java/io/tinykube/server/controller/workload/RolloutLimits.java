package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.json.Json;

/**
 * maxSurge and maxUnavailable of a Deployment, resolved against its replicas as upstream's
 * ResolveFenceposts: percentages of surge round up, of unavailability down; when both come to 0,
 * one pod may be unavailable so a rollout can proceed.
 */
record RolloutLimits(int maxSurge, int maxUnavailable) {

    static boolean rolling(JsonNode deployment) {
        return !"Recreate".equals(Json.text(deployment, "spec", "strategy", "type"));
    }

    static RolloutLimits of(JsonNode deployment) {
        int replicas = deployment.path("spec").path("replicas").asInt(1);
        if (!rolling(deployment)) {
            return new RolloutLimits(0, 0);
        }
        JsonNode rolling = deployment.path("spec").path("strategy").path("rollingUpdate");
        int surge = scaled(rolling.get("maxSurge"), replicas, true);
        int unavailable = scaled(rolling.get("maxUnavailable"), replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new RolloutLimits(surge, Math.min(unavailable, replicas));
    }

    /** An IntOrString as a number of pods out of {@code total}. */
    static int scaled(JsonNode value, int total, boolean roundUp) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return value.asInt();
        }
        String text = value.asText();
        if (!text.endsWith("%")) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        long percent;
        try {
            percent = Long.parseLong(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            return 0;
        }
        long scaled = percent * total;
        return (int) (roundUp ? Math.floorDiv(scaled + 99, 100L) : Math.floorDiv(scaled, 100L));
    }
}
