package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.schema.FieldSchema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for the apply and managed-fields tests. */
final class Fx {
    private Fx() {
    }

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2024-01-01T01:00:00Z");
    static final Instant T2 = Instant.parse("2024-01-01T02:00:00Z");
    static final Instant T3 = Instant.parse("2024-01-01T03:00:00Z");

    static ObjectNode apply(ObjectNode live, String yaml, String manager, FieldSchema schema, Instant now) {
        String apiVersion = TestSchemas.yaml(yaml).path("apiVersion").asText();
        return ServerSideApply.apply(live, TestSchemas.yaml(yaml), manager, false, schema, apiVersion, now);
    }

    static ObjectNode force(ObjectNode live, String yaml, String manager, FieldSchema schema, Instant now) {
        String apiVersion = TestSchemas.yaml(yaml).path("apiVersion").asText();
        return ServerSideApply.apply(live, TestSchemas.yaml(yaml), manager, true, schema, apiVersion, now);
    }

    /** The entry of {@code manager} with {@code operation}, or null. */
    static JsonNode entry(JsonNode object, String manager, String operation) {
        for (JsonNode e : object.path("metadata").path("managedFields")) {
            if (e.path("manager").asText().equals(manager) && e.path("operation").asText().equals(operation)) {
                return e;
            }
        }
        return null;
    }

    /** The FieldsV1 of that entry as compact JSON, or null. */
    static String fields(JsonNode object, String manager, String operation) {
        JsonNode e = entry(object, manager, operation);
        return e == null ? null : e.get("fieldsV1").toString();
    }

    /** The paths {@code manager} owns, in upstream notation. */
    static List<String> owned(JsonNode object, String manager, String operation) {
        JsonNode e = entry(object, manager, operation);
        List<String> out = new ArrayList<>();
        if (e != null) {
            FieldSet.fromFieldsV1(e.get("fieldsV1")).paths().forEach(p -> out.add(p.toString()));
        }
        return out;
    }

    /** "manager/operation" of every entry, in order. */
    static List<String> managers(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : object.path("metadata").path("managedFields")) {
            out.add(e.path("manager").asText() + "/" + e.path("operation").asText()
                    + (e.has("subresource") ? "/" + e.get("subresource").asText() : ""));
        }
        return out;
    }

    /** The object without managedFields. */
    static ObjectNode bare(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ManagedFields.remove(copy);
        return copy;
    }
}
