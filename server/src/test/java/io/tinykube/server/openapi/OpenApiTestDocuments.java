package io.tinykube.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test helper: the generated documents, parsed whole (the server itself never does that). */
final class OpenApiTestDocuments {
    static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiTestDocuments() {
    }

    static JsonNode document(String key) {
        OpenApiDocuments.Document document = OpenApiDocuments.get().find(key);
        if (document == null) {
            throw new AssertionError("no generated OpenAPI document " + key);
        }
        try (InputStream in = OpenApiDocuments.get().open(document)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode schema(String key, String name) {
        JsonNode schema = document(key).path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new AssertionError(key + " has no schema " + name);
        }
        return schema;
    }
}
