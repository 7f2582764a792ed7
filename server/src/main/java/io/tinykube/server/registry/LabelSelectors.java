package io.tinykube.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Evaluates the structured {@code metav1.LabelSelector} (matchLabels + matchExpressions) of objects. */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    /** Whether {@code selector} (a LabelSelector object) selects {@code labels}; an empty selector selects everything. */
    public static boolean matches(JsonNode selector, JsonNode labels) {
        Map<String, String> values = Objects.stringMap(labels);
        if (selector == null || selector.isNull()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().asText().equals(values.get(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            Set<String> options = new HashSet<>();
            expression.path("values").forEach(value -> options.add(value.asText()));
            String value = values.get(key);
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && options.contains(value);
                case "NotIn" -> value == null || !options.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A ReplicationController's or Service's selector: a plain map that must all match; empty selects nothing. */
    public static boolean mapMatches(JsonNode selector, JsonNode labels) {
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return false;
        }
        Map<String, String> values = Objects.stringMap(labels);
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().asText().equals(values.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
