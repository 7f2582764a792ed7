package io.tinykube.server.schema;

/** The schemas of the served kinds. */
public interface SchemaRegistry {
    /** The schema of a top-level kind, or {@link FieldSchema#UNKNOWN} when none is known. */
    FieldSchema forKind(String group, String version, String kind);
}
