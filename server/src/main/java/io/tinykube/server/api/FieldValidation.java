package io.tinykube.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.registry.ResourceType;
import io.tinykube.server.schema.FieldSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code ?fieldValidation=}: fields the kind's schema does not know are dropped, as decoding into
 * upstream's Go types drops them; Strict refuses them (400), Warn (the default) reports each in a
 * {@code Warning} header, Ignore says nothing.
 */
public final class FieldValidation {
    public enum Mode { STRICT, WARN, IGNORE }

    private FieldValidation() {
    }

    public static Mode mode(String parameter) {
        if (parameter == null || parameter.isEmpty() || parameter.equals("Warn")) {
            return Mode.WARN;
        }
        return switch (parameter) {
            case "Strict" -> Mode.STRICT;
            case "Ignore" -> Mode.IGNORE;
            default -> throw ApiException.badRequest("fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got: " + parameter);
        };
    }

    /** Removes unknown fields from {@code object}; returns the warnings to send, or throws for Strict. */
    public static List<String> apply(ObjectNode object, FieldSchema schema, Mode mode, ResourceType type) {
        if (schema == null || schema.shape() != FieldSchema.Shape.OBJECT) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        prune(object, schema, "", unknown, true);
        if (unknown.isEmpty() || mode == Mode.IGNORE) {
            return List.of();
        }
        if (mode == Mode.STRICT) {
            StringBuilder message = new StringBuilder(type.kind()).append(" in version \"").append(type.version())
                    .append("\" cannot be handled as a ").append(type.kind()).append(": strict decoding error: ");
            for (int i = 0; i < unknown.size(); i++) {
                message.append(i == 0 ? "" : ", ").append("unknown field \"").append(unknown.get(i)).append('"');
            }
            throw ApiException.badRequest(message.toString());
        }
        return unknown.stream().map(field -> "unknown field \"" + field + "\"").toList();
    }

    private static void prune(JsonNode node, FieldSchema schema, String path, List<String> unknown, boolean top) {
        if (node == null || schema == null) {
            return;
        }
        switch (schema.shape()) {
            case OBJECT -> {
                if (!(node instanceof ObjectNode object)) {
                    return;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (top && (field.getKey().equals("apiVersion") || field.getKey().equals("kind"))) {
                        continue;
                    }
                    FieldSchema property = schema.property(field.getKey());
                    String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                    if (property == null) {
                        unknown.add(fieldPath);
                        it.remove();
                    } else {
                        prune(field.getValue(), property, fieldPath, unknown, false);
                    }
                }
            }
            case MAP -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    prune(entry.getValue(), schema.elements(), path + "." + entry.getKey(), unknown, false);
                }
            }
            case ARRAY -> {
                if (node instanceof ArrayNode array) {
                    for (int i = 0; i < array.size(); i++) {
                        prune(array.get(i), schema.elements(), path + "[" + i + "]", unknown, false);
                    }
                }
            }
            default -> {
            }
        }
    }
}
