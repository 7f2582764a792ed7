package io.tinykube.server.openapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tinykube.server.openapi.SchemaNodes.Extensions;
import io.tinykube.server.openapi.SchemaNodes.Node;
import io.tinykube.server.openapi.SchemaNodes.Ref;
import io.tinykube.server.schema.FieldSchema;
import io.tinykube.server.schema.FieldSchema.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Streams {@code components.schemas} of an OpenAPI v3 document into {@link FieldSchema} nodes, keeping only
 * what merging needs: shapes, properties, items, additional properties, references and the list/map/patch
 * extensions. Descriptions, paths and everything else are skipped without being held in memory.
 */
final class SchemaReader {
    static final String REF_PREFIX = "#/components/schemas/";
    private static final JsonFactory JSON = new JsonFactory();

    private final Function<String, FieldSchema> resolver;

    SchemaReader(Function<String, FieldSchema> resolver) {
        this.resolver = resolver;
    }

    /**
     * Reads a document; calls {@code schemas} with each schema's name and node and {@code kinds} with
     * "group/version/kind" of each {@code x-kubernetes-group-version-kind} and the schema's name.
     */
    void read(InputStream in, BiConsumer<String, FieldSchema> schemas, BiConsumer<String, String> kinds) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("components")) {
                    p.skipChildren();
                    continue;
                }
                expect(p, p.currentToken(), JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String section = p.currentName();
                    p.nextToken();
                    if (!section.equals("schemas")) {
                        p.skipChildren();
                        continue;
                    }
                    expect(p, p.currentToken(), JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        Raw raw = raw(p);
                        for (String gvk : raw.gvks) {
                            kinds.accept(gvk, name);
                        }
                        schemas.accept(name, node(raw));
                    }
                }
            }
        }
    }

    /** What is kept of one schema object while reading. */
    private static final class Raw {
        String ref;
        String type;
        String format;
        boolean oneOf;
        boolean preserveUnknownFields;
        List<Raw> allOf;
        Map<String, Raw> properties;
        Raw items;
        Raw additionalProperties;
        boolean additionalPropertiesAllowed;
        String patchStrategy;
        String patchMergeKey;
        String listType;
        List<String> listMapKeys = List.of();
        String mapType;
        List<String> gvks = List.of();
    }

    private Raw raw(JsonParser p) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        Raw raw = new Raw();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "$ref" -> raw.ref = p.getText();
                case "type" -> raw.type = value == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                case "format" -> raw.format = p.getText();
                case "oneOf", "anyOf" -> {
                    raw.oneOf = true;
                    p.skipChildren();
                }
                case "allOf" -> {
                    raw.allOf = new ArrayList<>();
                    expect(p, value, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        raw.allOf.add(raw(p));
                    }
                }
                case "properties" -> {
                    raw.properties = new LinkedHashMap<>();
                    expect(p, value, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String property = p.currentName();
                        p.nextToken();
                        raw.properties.put(property, raw(p));
                    }
                }
                case "items" -> {
                    if (value == JsonToken.START_OBJECT) {
                        raw.items = raw(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "additionalProperties" -> {
                    if (value == JsonToken.START_OBJECT) {
                        raw.additionalProperties = raw(p);
                    } else {
                        raw.additionalPropertiesAllowed = value == JsonToken.VALUE_TRUE;
                    }
                }
                case "x-kubernetes-preserve-unknown-fields" -> raw.preserveUnknownFields = value == JsonToken.VALUE_TRUE;
                case "x-kubernetes-patch-strategy" -> raw.patchStrategy = p.getText();
                case "x-kubernetes-patch-merge-key" -> raw.patchMergeKey = p.getText();
                case "x-kubernetes-list-type" -> raw.listType = p.getText();
                case "x-kubernetes-map-type" -> raw.mapType = p.getText();
                case "x-kubernetes-list-map-keys" -> raw.listMapKeys = strings(p);
                case "x-kubernetes-group-version-kind" -> raw.gvks = gvks(p);
                default -> p.skipChildren(); // description, default, required, enum, ...
            }
        }
        return raw;
    }

    private FieldSchema node(Raw raw) {
        Extensions extensions = new Extensions(raw.patchStrategy, raw.patchMergeKey, raw.listType, raw.listMapKeys, raw.mapType);
        String ref = raw.ref;
        if (ref == null && raw.allOf != null && raw.allOf.size() == 1 && raw.allOf.get(0).ref != null) {
            ref = raw.allOf.get(0).ref;
        }
        if (ref != null) {
            String name = ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : ref;
            return new Ref(name, extensions, resolver);
        }
        if (raw.preserveUnknownFields) {
            return new Node(Shape.UNKNOWN, null, null, extensions);
        }
        if (raw.properties != null) {
            Map<String, FieldSchema> properties = new LinkedHashMap<>();
            raw.properties.forEach((name, property) -> properties.put(name, node(property)));
            return new Node(Shape.OBJECT, Map.copyOf(properties), null, extensions);
        }
        if (raw.additionalProperties != null) {
            return new Node(Shape.MAP, null, node(raw.additionalProperties), extensions);
        }
        if (raw.additionalPropertiesAllowed) {
            return new Node(Shape.MAP, null, FieldSchema.UNKNOWN, extensions);
        }
        if ("array".equals(raw.type)) {
            return new Node(Shape.ARRAY, null, raw.items == null ? FieldSchema.UNKNOWN : node(raw.items), extensions);
        }
        if (raw.oneOf || "int-or-string".equals(raw.format) || (raw.type != null && !raw.type.equals("object"))) {
            return new Node(Shape.SCALAR, null, null, extensions);
        }
        // {type: object} with nothing else: RawExtension, FieldsV1 and the like, atomic for merging.
        return new Node(Shape.UNKNOWN, null, null, extensions);
    }

    private static List<String> strings(JsonParser p) throws IOException {
        List<String> strings = new ArrayList<>();
        expect(p, p.currentToken(), JsonToken.START_ARRAY);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            strings.add(p.getText());
        }
        return List.copyOf(strings);
    }

    private static List<String> gvks(JsonParser p) throws IOException {
        List<String> gvks = new ArrayList<>();
        if (p.currentToken() == JsonToken.START_OBJECT) {
            gvks.add(gvk(p));
        } else {
            expect(p, p.currentToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                gvks.add(gvk(p));
            }
        }
        return gvks;
    }

    private static String gvk(JsonParser p) throws IOException {
        String group = "";
        String version = "";
        String kind = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "group" -> group = p.getText();
                case "version" -> version = p.getText();
                case "kind" -> kind = p.getText();
                default -> p.skipChildren();
            }
        }
        return key(group, version, kind);
    }

    static String key(String group, String version, String kind) {
        return group + "/" + version + "/" + kind;
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("OpenAPI document: expected " + expected + ", found " + actual + " at "
                    + p.currentLocation());
        }
    }
}
