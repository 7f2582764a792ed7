package io.tinykube.server.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A pod's toleration, and the taints of nodes it is matched against. */
public record Toleration(String key, String operator, String value, String effect) {
    static final String NO_SCHEDULE = "NoSchedule";
    static final String NO_EXECUTE = "NoExecute";
    static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";

    record Taint(String key, String value, String effect) {
        static List<Taint> of(JsonNode node) {
            List<Taint> taints = new ArrayList<>(0);
            for (JsonNode taint : node.path("spec").path("taints")) {
                taints.add(new Taint(taint.path("key").asText(""), taint.path("value").asText(""), taint.path("effect").asText("")));
            }
            return taints;
        }

        boolean preventsScheduling() {
            return NO_SCHEDULE.equals(effect) || NO_EXECUTE.equals(effect);
        }
    }

    static List<Toleration> of(JsonNode pod) {
        List<Toleration> tolerations = new ArrayList<>(0);
        for (JsonNode toleration : pod.path("spec").path("tolerations")) {
            tolerations.add(fromJson(toleration));
        }
        return tolerations;
    }

    private static Toleration fromJson(JsonNode toleration) {
        return new Toleration(toleration.path("key").asText(""), toleration.path("operator").asText(""),
                toleration.path("value").asText(""), toleration.path("effect").asText(""));
    }

    /** The first of a pod's tolerations (as JSON, with its tolerationSeconds) that tolerates a node's taint, or null. */
    public static JsonNode firstTolerating(JsonNode pod, JsonNode taint) {
        Taint parsed = new Taint(taint.path("key").asText(""), taint.path("value").asText(""), taint.path("effect").asText(""));
        for (JsonNode toleration : pod.path("spec").path("tolerations")) {
            if (fromJson(toleration).tolerates(parsed)) {
                return toleration;
            }
        }
        return null;
    }

    /** Upstream's ToleratesTaint: an empty effect matches every effect, an empty key with Exists every key. */
    boolean tolerates(Taint taint) {
        if (!effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (!key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        return switch (operator) {
            case "", "Equal" -> value.equals(taint.value());
            case "Exists" -> true;
            default -> false;
        };
    }

    static boolean tolerated(Taint taint, List<Toleration> tolerations) {
        for (Toleration toleration : tolerations) {
            if (toleration.tolerates(taint)) {
                return true;
            }
        }
        return false;
    }

    /** The first NoSchedule or NoExecute taint none of {@code tolerations} tolerates, or null. */
    static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations) {
        for (Taint taint : taints) {
            if (taint.preventsScheduling() && !tolerated(taint, tolerations)) {
                return taint;
            }
        }
        return null;
    }
}
