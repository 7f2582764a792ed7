package io.tinykube.server.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the table tests: JSON literals in, table cells out, at a fixed time. */
final class Fixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The time every test prints at. */
    static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
    static final TableConvertor CONVERTOR = new TableConvertor();

    private Fixtures() {
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Any JSON value (an array, say). */
    static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An RFC 3339 timestamp {@code ago} before {@link #NOW}. */
    static String ago(Duration ago) {
        return NOW.minus(ago).toString();
    }

    static ResourceType type(String group, String kind) {
        for (ResourceType type : BuiltinResources.all()) {
            if (type.group().equals(group) && type.kind().equals(kind)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no built-in " + group + "/" + kind);
    }

    /** The one-row table of {@code object}, which has a {@code kind} and {@code apiVersion}. */
    static ObjectNode table(String objectJson) {
        ObjectNode object = json(objectJson);
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return CONVERTOR.toTable(type(group, object.path("kind").asText()), List.of(object), IncludeObject.Metadata,
                "1", null, true, NOW);
    }

    /** The cells of the one row of {@code object}'s table. */
    static List<JsonNode> cells(String objectJson) {
        List<JsonNode> cells = new ArrayList<>();
        table(objectJson).path("rows").path(0).path("cells").forEach(cells::add);
        return cells;
    }

    /** The cell under {@code column} (by column name) of {@code object}'s table. */
    static JsonNode cell(String objectJson, String column) {
        ObjectNode table = table(objectJson);
        JsonNode columns = table.path("columnDefinitions");
        for (int i = 0; i < columns.size(); i++) {
            if (columns.path(i).path("name").asText().equals(column)) {
                return table.path("rows").path(0).path("cells").path(i);
            }
        }
        throw new IllegalArgumentException("no column " + column);
    }

    /** {@link #cell} as text. */
    static String text(String objectJson, String column) {
        return cell(objectJson, column).asText();
    }
}
