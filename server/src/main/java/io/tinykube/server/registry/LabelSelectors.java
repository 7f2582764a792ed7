package io.tinykube.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Evaluates the structured {@code metav1.LabelSelector} (matchLabels + matchExpressions) of objects. */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    /** Whether {@code selector} (a LabelSelector object) selects {@code labels}; an empty selector selects everything. */
    public static boolean matches(JsonNode selector, JsonNode labels) {
        return LabelSelector.fromObject(selector).matches(Objects.stringMap(labels));
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
