package io.tinykube.server.openapi;

import io.tinykube.server.openapi.OpenApiDocuments.Document;
import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.ResourceType;
import io.tinykube.server.registry.ResourceType.Subresource;
import io.tinykube.server.schema.FieldSchema;
import io.tinykube.server.schema.SchemaRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas of the built-in kinds, read from the generated OpenAPI v3 documents. A group-version's document
 * is parsed on the first question about one of its kinds, into compact nodes without descriptions; schemas
 * shared by several documents (ObjectMeta, PodSpec...) are kept once. All documents together come to a few
 * hundred KB of nodes, so nothing is evicted. The first question about a group-version parses its document
 * (up to a few hundred milliseconds for v1 on a small board): ask from a worker thread, not the event loop.
 */
@ApplicationScoped
public class OpenApiSchemaRegistry implements SchemaRegistry {
    private final OpenApiDocuments documents;
    private final Map<String, FieldSchema> schemas = new ConcurrentHashMap<>();
    /** "group/version/kind" → schema name. */
    private final Map<String, String> kinds = new ConcurrentHashMap<>();
    private final Set<String> loaded = new HashSet<>();

    public OpenApiSchemaRegistry() {
        this(OpenApiDocuments.get());
    }

    OpenApiSchemaRegistry(OpenApiDocuments documents) {
        this.documents = documents;
    }

    @Override
    public FieldSchema forKind(String group, String version, String kind) {
        String key = SchemaReader.key(group, version, kind);
        String name = kinds.get(key);
        if (name == null) {
            load(OpenApiDocuments.key(group, version));
            name = kinds.get(key);
        }
        if (name == null) {
            // Kinds served only as subresources live in the document of their parent:
            // autoscaling/v1 Scale in apps/v1, policy/v1 Eviction in v1, ...
            for (ResourceType type : BuiltinResources.all()) {
                for (Subresource sub : type.subresources()) {
                    if (sub.group().equals(group) && sub.version().equals(version) && sub.kind().equals(kind)) {
                        load(OpenApiDocuments.key(type.group(), type.version()));
                    }
                }
            }
            name = kinds.get(key);
        }
        return name == null ? FieldSchema.UNKNOWN : schema(name);
    }

    /** A schema by its upstream name, e.g. {@code io.k8s.api.core.v1.PodSpec}, if a loaded document has it. */
    public FieldSchema schema(String name) {
        FieldSchema schema = schemas.get(name);
        return schema == null ? FieldSchema.UNKNOWN : schema;
    }

    private void load(String documentKey) {
        synchronized (loaded) {
            if (!loaded.add(documentKey)) {
                return;
            }
            Document document = documents.find(documentKey);
            if (document == null) {
                return;
            }
            SchemaReader reader = new SchemaReader(schemas::get);
            try (InputStream in = documents.open(document)) {
                reader.read(in, schemas::putIfAbsent, kinds::putIfAbsent);
            } catch (IOException e) {
                throw new UncheckedIOException("reading OpenAPI document " + documentKey, e);
            }
        }
    }
}
