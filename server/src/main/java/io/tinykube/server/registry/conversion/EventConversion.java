package io.tinykube.server.registry.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Conversion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * core/v1 Event ⇄ events.k8s.io/v1 Event, stored as core/v1 (upstream's {@code pkg/apis/events/v1/conversion.go}):
 * a few fields are renamed, the rest (reason, type, eventTime, series, action, related, reportingInstance)
 * are the same.
 */
final class EventConversion implements Conversion {
    static final String CORE = "v1";
    static final String EVENTS = "events.k8s.io/v1";

    /** {core field, events.k8s.io field}, in core/v1's field order. */
    private static final List<String[]> CORE_FIELDS = List.of(
            new String[] {"involvedObject", "regarding"},
            new String[] {"reason", "reason"},
            new String[] {"message", "note"},
            new String[] {"source", "deprecatedSource"},
            new String[] {"firstTimestamp", "deprecatedFirstTimestamp"},
            new String[] {"lastTimestamp", "deprecatedLastTimestamp"},
            new String[] {"count", "deprecatedCount"},
            new String[] {"type", "type"},
            new String[] {"eventTime", "eventTime"},
            new String[] {"series", "series"},
            new String[] {"action", "action"},
            new String[] {"related", "related"},
            new String[] {"reportingComponent", "reportingController"},
            new String[] {"reportingInstance", "reportingInstance"});

    /** The same pairs in events.k8s.io/v1's field order. */
    private static final List<String[]> EVENTS_FIELDS = List.of(
            new String[] {"eventTime", "eventTime"},
            new String[] {"series", "series"},
            new String[] {"reportingComponent", "reportingController"},
            new String[] {"reportingInstance", "reportingInstance"},
            new String[] {"action", "action"},
            new String[] {"reason", "reason"},
            new String[] {"involvedObject", "regarding"},
            new String[] {"related", "related"},
            new String[] {"message", "note"},
            new String[] {"type", "type"},
            new String[] {"source", "deprecatedSource"},
            new String[] {"firstTimestamp", "deprecatedFirstTimestamp"},
            new String[] {"lastTimestamp", "deprecatedLastTimestamp"},
            new String[] {"count", "deprecatedCount"});

    /** events.k8s.io/v1's field selector labels and the core labels they read (upstream's field label conversion). */
    private static final Map<String, String> EVENTS_LABELS = Map.ofEntries(
            Map.entry("regarding.kind", "involvedObject.kind"),
            Map.entry("regarding.namespace", "involvedObject.namespace"),
            Map.entry("regarding.name", "involvedObject.name"),
            Map.entry("regarding.uid", "involvedObject.uid"),
            Map.entry("regarding.apiVersion", "involvedObject.apiVersion"),
            Map.entry("regarding.resourceVersion", "involvedObject.resourceVersion"),
            Map.entry("regarding.fieldPath", "involvedObject.fieldPath"),
            Map.entry("reportingController", "reportingComponent"),
            Map.entry("reason", "reason"),
            Map.entry("source", "source"),
            Map.entry("type", "type"));

    @Override
    public String storageApiVersion() {
        return CORE;
    }

    @Override
    public ObjectNode toStorage(ObjectNode object, String fromApiVersion) {
        requireEvents(fromApiVersion);
        ObjectNode out = header(object, CORE);
        for (String[] field : CORE_FIELDS) {
            copy(object, field[1], out, field[0]);
        }
        return out;
    }

    @Override
    public ObjectNode fromStorage(ObjectNode stored, String toApiVersion) {
        requireEvents(toApiVersion);
        ObjectNode out = header(stored, EVENTS);
        for (String[] field : EVENTS_FIELDS) {
            copy(stored, field[0], out, field[1]);
        }
        return out;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldLabels(String apiVersion, Map<String, Function<JsonNode, String>> storageLabels) {
        if (apiVersion.equals(CORE)) {
            return storageLabels;
        }
        requireEvents(apiVersion);
        Map<String, Function<JsonNode, String>> labels = new LinkedHashMap<>();
        EVENTS_LABELS.forEach((label, storageLabel) -> labels.put(label, storageLabels.get(storageLabel)));
        return labels;
    }

    private static void requireEvents(String apiVersion) {
        if (!apiVersion.equals(EVENTS)) {
            throw new IllegalArgumentException("no conversion of Event between " + CORE + " and " + apiVersion);
        }
    }

    private static ObjectNode header(ObjectNode object, String apiVersion) {
        ObjectNode out = Json.object().put("apiVersion", apiVersion).put("kind", "Event");
        if (object.has("metadata")) {
            out.set("metadata", object.get("metadata"));
        }
        return out;
    }

    private static void copy(ObjectNode from, String fromField, ObjectNode to, String toField) {
        JsonNode value = from.get(fromField);
        if (value != null) {
            to.set(toField, value);
        }
    }
}
