package io.tinykube.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/** The autoscaling/v1 Scale view of spec.replicas that the scale subresource serves and the autoscaler reads. */
public final class ScaleView {
    private ScaleView() {
    }

    /** The autoscaling/v1 Scale of a scalable object; the autoscaler reads its targets through it too. */
    public static ObjectNode toScale(ObjectNode object) {
        ObjectNode scale = Json.object().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            JsonNode value = Json.at(object, "metadata", field);
            if (value != null) {
                metadata.set(field, value);
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(0));
        ObjectNode status = scale.putObject("status").put("replicas", object.path("status").path("replicas").asInt(0));
        String selector = selectorString(Json.at(object, "spec", "selector"));
        if (!selector.isEmpty()) {
            status.put("selector", selector);
        }
        return scale;
    }

    /** The selector in label-selector string form, as Scale.status.selector carries it. */
    private static String selectorString(JsonNode selector) {
        if (selector == null) {
            return "";
        }
        StringJoiner joined = new StringJoiner(",");
        JsonNode matchLabels = selector.has("matchLabels") || selector.has("matchExpressions") ? selector.path("matchLabels") : selector;
        for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            joined.add(entry.getKey() + "=" + entry.getValue().asText());
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            StringJoiner values = new StringJoiner(",", "(", ")");
            expression.path("values").forEach(value -> values.add(value.asText()));
            switch (expression.path("operator").asText()) {
                case "In" -> joined.add(key + " in " + values);
                case "NotIn" -> joined.add(key + " notin " + values);
                case "Exists" -> joined.add(key);
                case "DoesNotExist" -> joined.add("!" + key);
                default -> { }
            }
        }
        return joined.toString();
    }
}
