package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Controller owner references: who controls an object, and adopting or releasing it (upstream's ControllerRefManager). */
final class Owners {
    /** Informer index of objects by the uid of their controller. */
    static final String BY_CONTROLLER_UID = "controllerUid";
    static final Function<ObjectNode, Collection<String>> CONTROLLER_UID_INDEXER = object -> {
        ObjectNode ref = controllerOf(object);
        return ref == null ? List.of() : List.of(ref.path("uid").asText());
    };

    private Owners() {
    }

    /** The owner reference with controller=true, or null. */
    static ObjectNode controllerOf(JsonNode object) {
        JsonNode refs = Json.at(object, "metadata", "ownerReferences");
        if (refs != null) {
            for (JsonNode ref : refs) {
                if (ref.path("controller").asBoolean(false)) {
                    return (ObjectNode) ref;
                }
            }
        }
        return null;
    }

    static boolean controlledBy(JsonNode object, JsonNode owner) {
        ObjectNode ref = controllerOf(object);
        return ref != null && ref.path("uid").asText().equals(Json.text(owner, "metadata", "uid"));
    }

    /** A controller reference to {@code owner}, as metav1.NewControllerRef makes it. */
    static ObjectNode controllerRef(JsonNode owner, String apiVersion, String kind) {
        return Json.object().put("apiVersion", apiVersion).put("kind", kind).put("name", Objects.name(owner))
                .put("uid", Json.text(owner, "metadata", "uid")).put("controller", true).put("blockOwnerDeletion", true);
    }

    /** For the store's update: adds the controller reference unless another controller took the object meanwhile. */
    static ObjectNode adopt(ObjectNode current, ObjectNode ref) {
        if (controllerOf(current) != null) {
            return current; // someone adopted it first; ours is a no-op
        }
        Objects.metadata(current).withArray("ownerReferences").add(ref.deepCopy());
        return current;
    }

    /** For the store's update: removes the controller reference to {@code ownerUid}. */
    static ObjectNode release(ObjectNode current, String ownerUid) {
        JsonNode refs = Json.at(current, "metadata", "ownerReferences");
        if (refs == null) {
            return current;
        }
        ArrayNode kept = Json.array();
        for (JsonNode ref : refs) {
            if (!ref.path("uid").asText().equals(ownerUid)) {
                kept.add(ref);
            }
        }
        if (kept.isEmpty()) {
            Objects.metadata(current).remove("ownerReferences");
        } else {
            Objects.metadata(current).set("ownerReferences", kept);
        }
        return current;
    }
}
