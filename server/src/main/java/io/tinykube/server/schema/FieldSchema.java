package io.tinykube.server.schema;

import java.util.List;

/**
 * What merging code needs to know about one field of a served kind, read from the OpenAPI schema:
 * its shape and upstream's list/map semantics ({@code x-kubernetes-list-type}, {@code list-map-keys},
 * {@code map-type}) and strategic-merge-patch metadata ({@code x-kubernetes-patch-strategy},
 * {@code x-kubernetes-patch-merge-key}).
 */
public interface FieldSchema {

    enum Shape {
        /** An object with named properties. */
        OBJECT,
        /** A map with arbitrary keys ({@code additionalProperties}). */
        MAP,
        ARRAY,
        /** A string, number, boolean, or int-or-string / quantity / time. */
        SCALAR,
        /** Anything (RawExtension, preserve-unknown-fields, a field the schema does not know): treated as atomic. */
        UNKNOWN
    }

    Shape shape();

    /** The schema of a property of an OBJECT, or null when the object has no such property. */
    FieldSchema property(String name);

    /** The schema of an ARRAY's items or a MAP's values. */
    FieldSchema elements();

    /** {@code merge}, {@code replace}, {@code retainKeys}, {@code merge,retainKeys}, or null. */
    String patchStrategy();

    /** The key that identifies items of a list merged by strategic merge patch, or null. */
    String patchMergeKey();

    /** {@code atomic}, {@code set}, {@code map}, or null (meaning atomic for server-side apply). */
    String listType();

    /** For {@code listType == "map"}: the fields that identify an item. */
    List<String> listMapKeys();

    /** {@code atomic} or {@code granular} (default) for OBJECT and MAP. */
    String mapType();

    /** A schema that knows nothing: every field is UNKNOWN. */
    FieldSchema UNKNOWN = new FieldSchema() {
        @Override
        public Shape shape() {
            return Shape.UNKNOWN;
        }

        @Override
        public FieldSchema property(String name) {
            return null;
        }

        @Override
        public FieldSchema elements() {
            return this;
        }

        @Override
        public String patchStrategy() {
            return null;
        }

        @Override
        public String patchMergeKey() {
            return null;
        }

        @Override
        public String listType() {
            return null;
        }

        @Override
        public List<String> listMapKeys() {
            return List.of();
        }

        @Override
        public String mapType() {
            return null;
        }
    };
}
