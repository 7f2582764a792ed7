package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;

/** Conditions in a status, by type (upstream's Get/Set/RemoveCondition of the apps controllers). */
final class Conditions {
    private Conditions() {
    }

    static ObjectNode find(JsonNode status, String type) {
        JsonNode conditions = status == null ? null : status.get("conditions");
        if (conditions != null) {
            for (JsonNode condition : conditions) {
                if (type.equals(condition.path("type").asText())) {
                    return (ObjectNode) condition;
                }
            }
        }
        return null;
    }

    /** Puts {@code condition} in place of any of its type, at the end as upstream appends. */
    static void set(ObjectNode status, ObjectNode condition) {
        remove(status, condition.path("type").asText());
        status.withArray("conditions").add(condition);
    }

    /**
     * Deployment semantics (deploymentutil.SetDeploymentCondition): the same status and reason change
     * nothing; the same status keeps its lastTransitionTime.
     */
    static void setKeepingTransition(ObjectNode status, ObjectNode condition) {
        ObjectNode current = find(status, condition.path("type").asText());
        if (current != null && current.path("status").equals(condition.path("status"))) {
            if (current.path("reason").equals(condition.path("reason"))) {
                return;
            }
            condition.set("lastTransitionTime", current.get("lastTransitionTime"));
        }
        set(status, condition);
    }

    static void remove(ObjectNode status, String type) {
        JsonNode conditions = status.get("conditions");
        if (conditions == null) {
            return;
        }
        ArrayNode kept = Json.array();
        for (JsonNode condition : conditions) {
            if (!type.equals(condition.path("type").asText())) {
                kept.add(condition);
            }
        }
        if (kept.isEmpty()) {
            status.remove("conditions");
        } else {
            status.set("conditions", kept);
        }
    }
}
