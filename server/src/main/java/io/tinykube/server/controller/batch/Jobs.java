package io.tinykube.server.controller.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import java.time.Instant;
import java.util.List;

/** What the Job, CronJob and TTL-after-finished controllers read of Jobs and their pods. */
final class Jobs {
    /** Pods indexed by the uid of their controller (ownerReference with controller: true). */
    static final String CONTROLLER_UID_INDEX = "controllerUid";

    private Jobs() {
    }

    static List<String> controllerUidIndex(ObjectNode object) {
        JsonNode owner = controllerOf(object);
        return owner == null ? List.of() : List.of(owner.path("uid").asText());
    }

    static JsonNode controllerOf(JsonNode object) {
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            if (reference.path("controller").asBoolean(false)) {
                return reference;
            }
        }
        return null;
    }

    /** The key of the object's controller when it is of {@code kind}. */
    static List<String> controllerKey(ObjectNode object, String kind) {
        JsonNode owner = controllerOf(object);
        if (owner == null || !kind.equals(owner.path("kind").asText())) {
            return List.of();
        }
        return List.of(Objects.namespace(object) + "/" + owner.path("name").asText());
    }

    static ObjectNode ownerReference(ObjectNode owner) {
        return Json.object().put("apiVersion", owner.path("apiVersion").asText()).put("kind", owner.path("kind").asText())
                .put("name", Objects.name(owner)).put("uid", Json.text(owner, "metadata", "uid"))
                .put("controller", true).put("blockOwnerDeletion", true);
    }

    /** The condition of {@code type} with status True, or null. */
    static JsonNode trueCondition(JsonNode object, String type) {
        for (JsonNode condition : object.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText()) && "True".equals(condition.path("status").asText())) {
                return condition;
            }
        }
        return null;
    }

    /** The Complete or Failed condition of a finished Job (upstream's {@code FinishedCondition}), or null. */
    static JsonNode finishedCondition(JsonNode job) {
        JsonNode complete = trueCondition(job, "Complete");
        return complete != null ? complete : trueCondition(job, "Failed");
    }

    static boolean succeeded(JsonNode job) {
        return trueCondition(job, "Complete") != null;
    }

    static Instant time(JsonNode node, String... path) {
        String text = Json.text(node, path);
        return text == null || text.isEmpty() ? null : Instant.parse(text);
    }
}
