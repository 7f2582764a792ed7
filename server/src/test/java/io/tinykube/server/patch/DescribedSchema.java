package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tinykube.server.schema.FieldSchema;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only {@link FieldSchema} read from a small JSON description: a map of named definitions, each
 * {@code {"type": "object"|"map"|"array"|"string"|"integer"|"boolean"|"unknown", "properties": {...},
 * "values": <schema>, "items": <schema>, "patchStrategy": "...", "patchMergeKey": "...", "listType": "...",
 * "listMapKeys": [...], "mapType": "..."}}, where any schema may be {@code {"$ref": "Name"}} plus patch metadata
 * that belongs to the field referring to it.
 */
final class DescribedSchema implements FieldSchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode node;
    private final JsonNode definitions;

    private DescribedSchema(JsonNode node, JsonNode definitions) {
        this.node = node;
        this.definitions = definitions;
    }

    /** The schema named {@code name} in the definitions. */
    static FieldSchema of(String definitionsJson, String name) {
        try {
            JsonNode defs = JSON.readTree(definitionsJson);
            return new DescribedSchema(JSON.createObjectNode().put("$ref", name), defs);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode resolved() {
        JsonNode n = node;
        while (n.has("$ref")) {
            JsonNode target = definitions.get(n.get("$ref").asText());
            if (target == null) {
                throw new IllegalArgumentException("no definition " + n.get("$ref"));
            }
            n = target;
        }
        return n;
    }

    private String attribute(String name) {
        JsonNode own = node.get(name);
        if (own != null) {
            return own.asText();
        }
        JsonNode r = resolved().get(name);
        return r == null ? null : r.asText();
    }

    @Override
    public Shape shape() {
        String type = resolved().path("type").asText("unknown");
        switch (type) {
            case "object":
                return Shape.OBJECT;
            case "map":
                return Shape.MAP;
            case "array":
                return Shape.ARRAY;
            case "unknown":
                return Shape.UNKNOWN;
            default:
                return Shape.SCALAR;
        }
    }

    @Override
    public FieldSchema property(String name) {
        JsonNode p = resolved().path("properties").get(name);
        return p == null ? null : new DescribedSchema(p, definitions);
    }

    @Override
    public FieldSchema elements() {
        JsonNode r = resolved();
        JsonNode e = r.has("items") ? r.get("items") : r.get("values");
        return e == null ? FieldSchema.UNKNOWN : new DescribedSchema(e, definitions);
    }

    @Override
    public String patchStrategy() {
        return attribute("patchStrategy");
    }

    @Override
    public String patchMergeKey() {
        return attribute("patchMergeKey");
    }

    @Override
    public String listType() {
        return attribute("listType");
    }

    @Override
    public List<String> listMapKeys() {
        List<String> keys = new ArrayList<>();
        resolved().path("listMapKeys").forEach(k -> keys.add(k.asText()));
        return keys;
    }

    @Override
    public String mapType() {
        return attribute("mapType");
    }
}
