package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Strategy;
import java.util.Map;
import java.util.function.Function;

/** Events expire an hour after their last write (upstream's --event-ttl) and are selected by what they are about. */
public final class EventStrategy implements Strategy {
    static final long TTL_SECONDS = 3600;

    @Override
    public long ttlSeconds() {
        return TTL_SECONDS;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldLabels() {
        return Map.ofEntries(
                Map.entry("involvedObject.kind", event -> Json.text(event, "involvedObject", "kind")),
                Map.entry("involvedObject.namespace", event -> Json.text(event, "involvedObject", "namespace")),
                Map.entry("involvedObject.name", event -> Json.text(event, "involvedObject", "name")),
                Map.entry("involvedObject.uid", event -> Json.text(event, "involvedObject", "uid")),
                Map.entry("involvedObject.apiVersion", event -> Json.text(event, "involvedObject", "apiVersion")),
                Map.entry("involvedObject.resourceVersion", event -> Json.text(event, "involvedObject", "resourceVersion")),
                Map.entry("involvedObject.fieldPath", event -> Json.text(event, "involvedObject", "fieldPath")),
                Map.entry("reason", event -> Json.text(event, "reason")),
                Map.entry("reportingComponent", event -> Json.text(event, "reportingComponent")),
                Map.entry("source", event -> Json.text(event, "source", "component")),
                Map.entry("type", event -> Json.text(event, "type")));
    }
}
