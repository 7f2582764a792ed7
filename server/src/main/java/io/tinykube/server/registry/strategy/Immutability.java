package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import java.util.ArrayList;
import java.util.List;

/** Checks that fields which may not change after creation did not. */
final class Immutability {
    static final String IMMUTABLE = "field is immutable";

    private Immutability() {
    }

    static List<Cause> unchanged(ObjectNode object, ObjectNode old, String field, String... path) {
        JsonNode now = at(object, path);
        JsonNode before = at(old, path);
        if (java.util.Objects.equals(now, before)) {
            return List.of();
        }
        return List.of(new Cause("FieldValueInvalid", "Invalid value: " + (now == null ? "null" : now.toString()) + ": " + IMMUTABLE, field));
    }

    /** ConfigMaps and Secrets marked {@code immutable: true} keep their data and the flag. */
    static List<Cause> immutableData(ObjectNode object, ObjectNode old, String... dataFields) {
        List<Cause> causes = new ArrayList<>();
        if (!old.path("immutable").asBoolean(false)) {
            return causes;
        }
        if (!object.path("immutable").asBoolean(false)) {
            causes.add(new Cause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", "immutable"));
        }
        for (String field : dataFields) {
            if (!java.util.Objects.equals(object.get(field), old.get(field))) {
                causes.add(new Cause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", field));
            }
        }
        return causes;
    }

    private static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            if (current == null) {
                return null;
            }
            current = current.get(step);
        }
        return current == null || current.isNull() ? null : current;
    }
}
