package io.tinykube.server.controller.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.registry.Objects;

/**
 * A Job's {@code spec.podFailurePolicy} applied to a failed pod, as upstream's
 * {@code matchPodFailurePolicy}: the first rule whose exit codes or pod conditions match decides.
 */
final class PodFailurePolicy {
    /** {@code action} null when no rule matched (the failure counts); {@code message} set for FailJob and FailIndex. */
    record Match(String action, String message) {
        boolean counts() {
            return !"Ignore".equals(action);
        }
    }

    static final Match NONE = new Match(null, null);

    private PodFailurePolicy() {
    }

    static Match match(JsonNode policy, JsonNode pod) {
        if (policy == null || policy.isNull()) {
            return NONE;
        }
        int index = 0;
        for (JsonNode rule : policy.path("rules")) {
            String action = rule.path("action").asText();
            JsonNode onExitCodes = rule.get("onExitCodes");
            if (onExitCodes != null && !onExitCodes.isNull()) {
                JsonNode container = matchingContainer(pod.path("status").path("containerStatuses"), onExitCodes);
                if (container == null) {
                    container = matchingContainer(pod.path("status").path("initContainerStatuses"), onExitCodes);
                }
                if (container != null) {
                    return new Match(action, "Container " + container.path("name").asText() + " for pod " + Objects.namespace(pod) + "/"
                            + Objects.name(pod) + " failed with exit code " + exitCode(container) + " matching " + action
                            + " rule at index " + index);
                }
            } else {
                for (JsonNode condition : pod.path("status").path("conditions")) {
                    for (JsonNode pattern : rule.path("onPodConditions")) {
                        if (condition.path("type").asText().equals(pattern.path("type").asText())
                                && condition.path("status").asText().equals(pattern.path("status").asText("True"))) {
                            return new Match(action, "Pod " + Objects.namespace(pod) + "/" + Objects.name(pod) + " has condition "
                                    + condition.path("type").asText() + " matching " + action + " rule at index " + index);
                        }
                    }
                }
            }
            index++;
        }
        return NONE;
    }

    private static JsonNode matchingContainer(JsonNode statuses, JsonNode requirement) {
        String name = requirement.path("containerName").asText(null);
        for (JsonNode status : statuses) {
            JsonNode terminated = status.path("state").get("terminated");
            if (terminated == null || (name != null && !name.equals(status.path("name").asText()))) {
                continue;
            }
            long code = exitCode(status);
            if (code != 0 && operatorMatches(code, requirement)) {
                return status;
            }
        }
        return null;
    }

    private static long exitCode(JsonNode containerStatus) {
        return containerStatus.path("state").path("terminated").path("exitCode").asLong();
    }

    private static boolean operatorMatches(long code, JsonNode requirement) {
        boolean listed = false;
        for (JsonNode value : requirement.path("values")) {
            listed |= value.asLong() == code;
        }
        return switch (requirement.path("operator").asText()) {
            case "In" -> listed;
            case "NotIn" -> !listed;
            default -> false;
        };
    }
}
