package io.tinykube.server.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tinykube.server.schema.FieldSchema;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Helpers for the patch tests: documents from JSON or YAML text, and applying bodies through {@link Patches}. */
final class Docs {
    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper();

    private Docs() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode obj(String text) {
        return (ObjectNode) json(text);
    }

    /** A YAML document as a JSON tree; an empty document is {}. */
    static ObjectNode yaml(String text) {
        try {
            JsonNode n = YAML.readTree(text);
            return n == null || n.isMissingNode() || n.isNull() ? JSON.createObjectNode() : (ObjectNode) n;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode smp(ObjectNode current, String patch, FieldSchema schema) {
        return Patches.apply(Patches.STRATEGIC_MERGE_PATCH, current, bytes(patch), schema);
    }

    static ObjectNode smp(ObjectNode current, ObjectNode patch, FieldSchema schema) {
        return smp(current, patch.toString(), schema);
    }

    static ObjectNode merge(ObjectNode current, String patch) {
        return Patches.apply(Patches.MERGE_PATCH, current, bytes(patch), FieldSchema.UNKNOWN);
    }

    static ObjectNode jsonPatch(ObjectNode current, String patch) {
        return Patches.apply(Patches.JSON_PATCH, current, bytes(patch), FieldSchema.UNKNOWN);
    }

    /** Applies a body that must fail, checks that {@code current} is untouched, and returns the failure. */
    static PatchException fails(String contentType, ObjectNode current, String body, FieldSchema schema) {
        return fails(contentType, current, bytes(body), schema);
    }

    static PatchException fails(String contentType, ObjectNode current, byte[] body, FieldSchema schema) {
        ObjectNode before = current.deepCopy();
        PatchException e = assertThrows(PatchException.class,
                () -> Patches.apply(contentType, current, body, schema));
        assertEquals(before, current, "the current object must not change");
        return e;
    }

    /** Compares JSON trees (member order aside, element order counts), printing both on failure. */
    static void assertJson(JsonNode expected, JsonNode actual) {
        if (!expected.equals(actual)) {
            assertEquals(expected.toPrettyString(), actual.toPrettyString());
            assertEquals(expected, actual);
        }
    }

    static void assertJson(String expected, JsonNode actual) {
        assertJson(json(expected), actual);
    }
}
