package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Strategy;
import java.util.Map;
import java.util.function.Function;

/** Nodes: selectable by whether they are cordoned, as drain and the scheduler ask. */
public final class NodeStrategy implements Strategy {
    @Override
    public Map<String, Function<JsonNode, String>> fieldLabels() {
        return Map.of("spec.unschedulable", node -> Boolean.toString(Json.at(node, "spec", "unschedulable") != null
                && Json.at(node, "spec", "unschedulable").asBoolean()));
    }
}
