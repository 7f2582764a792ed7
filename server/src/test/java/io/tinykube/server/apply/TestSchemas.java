package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tinykube.server.schema.FieldSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only {@link FieldSchema} read from {@code apply/schemas.yaml}: named types in an OpenAPI-like
 * form ({@code type}, {@code properties}, {@code additionalProperties}, {@code items}, {@code $ref} and
 * the {@code x-kubernetes-*} extensions). The production implementation reads the served OpenAPI.
 */
final class TestSchemas {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonNode DEFINITIONS = load();

    private TestSchemas() {
    }

    private static JsonNode load() {
        try (InputStream in = TestSchemas.class.getResourceAsStream("/apply/schemas.yaml")) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FieldSchema type(String name) {
        JsonNode def = DEFINITIONS.get(name);
        if (def == null) {
            throw new IllegalArgumentException("no test schema " + name);
        }
        return new Node(def);
    }

    static final FieldSchema DEPLOYMENT = type("Deployment");
    static final FieldSchema SERVICE = type("Service");
    static final FieldSchema CONFIG_MAP = type("ConfigMap");

    /** A schema node; a {@code $ref} is followed, the referring node's extensions win. */
    private static final class Node implements FieldSchema {
        private final JsonNode def;

        Node(JsonNode def) {
            JsonNode ref = def.get("$ref");
            if (ref != null) {
                ObjectNode merged = DEFINITIONS.get(ref.asText()).deepCopy();
                def.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("$ref")) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
                def = merged;
            }
            this.def = def;
        }

        @Override
        public Shape shape() {
            String type = def.path("type").asText("");
            switch (type) {
                case "object":
                    if (def.has("properties")) {
                        return Shape.OBJECT;
                    }
                    if (def.has("additionalProperties")) {
                        return Shape.MAP;
                    }
                    return Shape.UNKNOWN;
                case "array":
                    return Shape.ARRAY;
                case "string":
                case "integer":
                case "number":
                case "boolean":
                    return Shape.SCALAR;
                default:
                    return Shape.UNKNOWN;
            }
        }

        @Override
        public FieldSchema property(String name) {
            JsonNode p = def.path("properties").get(name);
            return p == null ? null : new Node(p);
        }

        @Override
        public FieldSchema elements() {
            JsonNode e = def.has("items") ? def.get("items") : def.get("additionalProperties");
            return e == null ? FieldSchema.UNKNOWN : new Node(e);
        }

        @Override
        public String patchStrategy() {
            return def.path("x-kubernetes-patch-strategy").asText(null);
        }

        @Override
        public String patchMergeKey() {
            return def.path("x-kubernetes-patch-merge-key").asText(null);
        }

        @Override
        public String listType() {
            return def.path("x-kubernetes-list-type").asText(null);
        }

        @Override
        public List<String> listMapKeys() {
            List<String> keys = new ArrayList<>();
            def.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
            return keys;
        }

        @Override
        public String mapType() {
            return def.path("x-kubernetes-map-type").asText(null);
        }
    }

    /** Parses YAML (or JSON) text into an object. */
    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses YAML (or JSON) text into any value. */
    static JsonNode node(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
