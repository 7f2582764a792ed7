package io.tinykube.server.openapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The OpenAPI v3 documents generated at build time (see {@code src/openapi-gen}): one gzip-compressed classpath
 * resource per group-version, listed with its SHA-512 in {@code openapi/v3/index.json}. Documents are read
 * from the class path when asked for; a few recently served compressed documents are kept (about 100 KB).
 */
public final class OpenApiDocuments {
    static final String INDEX = "openapi/v3/index.json";
    private static final int CACHED_DOCUMENTS = 3;

    /** A generated document: {@code key} is {@code api/v1} or {@code apis/G/V}. */
    public record Document(String key, String hash, String resource, int size) {
        /** The URL kubectl follows from {@code /openapi/v3}. */
        public String serverRelativeUrl() {
            return "/openapi/v3/" + key + "?hash=" + hash;
        }
    }

    private static final OpenApiDocuments INSTANCE = new OpenApiDocuments();

    private final Map<String, Document> documents;
    private final Map<String, byte[]> recent = Collections.synchronizedMap(new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED_DOCUMENTS;
        }
    });

    private OpenApiDocuments() {
        this.documents = readIndex();
    }

    public static OpenApiDocuments get() {
        return INSTANCE;
    }

    /** Documents by key, in the order of the built-in resources (core first). */
    public Map<String, Document> all() {
        return documents;
    }

    public Document find(String key) {
        return documents.get(key);
    }

    /** The key of a group-version: "" and v1 → api/v1, apps and v1 → apis/apps/v1. */
    public static String key(String group, String version) {
        return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }

    /** The stored gzip bytes of a document (blocking: may read the class path). */
    public byte[] gzip(Document document) {
        byte[] bytes = recent.get(document.key());
        if (bytes == null) {
            bytes = readResource(document.resource());
            recent.put(document.key(), bytes);
        }
        return bytes;
    }

    /** The uncompressed JSON of a document, as a stream (blocking). */
    public InputStream open(Document document) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(gzip(document)), 1 << 14);
    }

    private static byte[] readResource(String resource) {
        try (InputStream in = OpenApiDocuments.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Document> readIndex() {
        Map<String, Document> index = new LinkedHashMap<>();
        try (InputStream in = OpenApiDocuments.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                // Not generated (a build without the process-classes phase): serve nothing rather than fail.
                return Map.of();
            }
            try (JsonParser p = new JsonFactory().createParser(in)) {
                expect(p.nextToken(), JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    expect(p.nextToken(), JsonToken.START_OBJECT);
                    String hash = null;
                    String resource = null;
                    int size = 0;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        switch (field) {
                            case "hash" -> hash = p.getText();
                            case "resource" -> resource = p.getText();
                            case "size" -> size = p.getIntValue();
                            default -> p.skipChildren();
                        }
                    }
                    index.put(key, new Document(key, hash, resource, size));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(index);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException(INDEX + ": expected " + expected + ", found " + actual);
        }
    }
}
