package io.tinykube.server.controller.node;

import com.fasterxml.jackson.databind.JsonNode;

/** Whether a pod's tolerations tolerate a node's taint (upstream's Toleration.ToleratesTaint). */
public final class Tolerations {
    private Tolerations() {
    }

    public static boolean tolerates(JsonNode toleration, JsonNode taint) {
        String effect = toleration.path("effect").asText("");
        if (!effect.isEmpty() && !effect.equals(taint.path("effect").asText(""))) {
            return false;
        }
        String key = toleration.path("key").asText("");
        String operator = toleration.path("operator").asText("Equal");
        if (key.isEmpty()) {
            return operator.equals("Exists");
        }
        if (!key.equals(taint.path("key").asText(""))) {
            return false;
        }
        return switch (operator) {
            case "Exists" -> true;
            case "Equal", "" -> toleration.path("value").asText("").equals(taint.path("value").asText(""));
            default -> false;
        };
    }

    /** The first of {@code tolerations} that tolerates {@code taint}, or null. */
    public static JsonNode find(JsonNode tolerations, JsonNode taint) {
        if (tolerations != null) {
            for (JsonNode toleration : tolerations) {
                if (tolerates(toleration, taint)) {
                    return toleration;
                }
            }
        }
        return null;
    }
}
