package io.tinykube.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading and writing the parts of {@code metadata} every object shares. */
public final class Objects {
    private Objects() {
    }

    public static ObjectNode metadata(ObjectNode object) {
        return Json.with(object, "metadata");
    }

    public static String name(JsonNode object) {
        return Json.text(object, "metadata", "name");
    }

    public static String namespace(JsonNode object) {
        return Json.text(object, "metadata", "namespace");
    }

    public static Map<String, String> labels(JsonNode object) {
        return stringMap(Json.at(object, "metadata", "labels"));
    }

    public static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                map.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return map;
    }

    /** RFC 3339 with seconds, as metav1.Time serializes. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static boolean hasFinalizers(JsonNode object) {
        JsonNode finalizers = Json.at(object, "metadata", "finalizers");
        return finalizers != null && finalizers.isArray() && finalizers.size() > 0;
    }

    public static boolean isDeleting(JsonNode object) {
        return Json.at(object, "metadata", "deletionTimestamp") != null;
    }
}
