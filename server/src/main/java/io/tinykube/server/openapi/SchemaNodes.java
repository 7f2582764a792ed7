package io.tinykube.server.openapi;

import io.tinykube.server.schema.FieldSchema;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The compact, immutable {@link FieldSchema} nodes the registry builds from the OpenAPI documents. */
final class SchemaNodes {
    private SchemaNodes() {
    }

    /** The list, map and patch extensions of one schema or property. */
    record Extensions(String patchStrategy, String patchMergeKey, String listType, List<String> listMapKeys,
                      String mapType) {
        static final Extensions NONE = new Extensions(null, null, null, List.of(), null);

        boolean isEmpty() {
            return patchStrategy == null && patchMergeKey == null && listType == null && listMapKeys.isEmpty()
                    && mapType == null;
        }
    }

    /** A schema with its own shape: an object with properties, a map, an array, a scalar or anything. */
    static final class Node implements FieldSchema {
        private final Shape shape;
        private final Map<String, FieldSchema> properties;
        private final FieldSchema elements;
        private final Extensions extensions;

        Node(Shape shape, Map<String, FieldSchema> properties, FieldSchema elements, Extensions extensions) {
            this.shape = shape;
            this.properties = properties == null ? Map.of() : properties;
            this.elements = elements;
            this.extensions = extensions;
        }

        @Override
        public Shape shape() {
            return shape;
        }

        @Override
        public FieldSchema property(String name) {
            return shape == Shape.OBJECT ? properties.get(name) : null;
        }

        @Override
        public FieldSchema elements() {
            if (shape == Shape.ARRAY || shape == Shape.MAP) {
                return elements == null ? FieldSchema.UNKNOWN : elements;
            }
            return FieldSchema.UNKNOWN;
        }

        @Override
        public String patchStrategy() {
            return extensions.patchStrategy();
        }

        @Override
        public String patchMergeKey() {
            return extensions.patchMergeKey();
        }

        @Override
        public String listType() {
            return extensions.listType();
        }

        @Override
        public List<String> listMapKeys() {
            return extensions.listMapKeys();
        }

        @Override
        public String mapType() {
            return extensions.mapType();
        }

        /** The names of an OBJECT's properties. */
        Map<String, FieldSchema> properties() {
            return properties;
        }

        @Override
        public String toString() {
            return shape + (shape == Shape.OBJECT ? properties.keySet().toString() : "");
        }
    }

    /**
     * A reference to a named schema ({@code $ref}, or {@code allOf: [{$ref}]} as OpenAPI v3 writes a reference
     * that carries more); extensions written beside the reference take precedence over the target's.
     */
    static final class Ref implements FieldSchema {
        private final String name;
        private final Extensions extensions;
        private final Function<String, FieldSchema> resolver;

        Ref(String name, Extensions extensions, Function<String, FieldSchema> resolver) {
            this.name = name;
            this.extensions = extensions;
            this.resolver = resolver;
        }

        String name() {
            return name;
        }

        FieldSchema target() {
            FieldSchema target = resolver.apply(name);
            return target == null ? FieldSchema.UNKNOWN : target;
        }

        @Override
        public Shape shape() {
            return target().shape();
        }

        @Override
        public FieldSchema property(String property) {
            return target().property(property);
        }

        @Override
        public FieldSchema elements() {
            return target().elements();
        }

        @Override
        public String patchStrategy() {
            return extensions.patchStrategy() != null ? extensions.patchStrategy() : target().patchStrategy();
        }

        @Override
        public String patchMergeKey() {
            return extensions.patchMergeKey() != null ? extensions.patchMergeKey() : target().patchMergeKey();
        }

        @Override
        public String listType() {
            return extensions.listType() != null ? extensions.listType() : target().listType();
        }

        @Override
        public List<String> listMapKeys() {
            return !extensions.listMapKeys().isEmpty() ? extensions.listMapKeys() : target().listMapKeys();
        }

        @Override
        public String mapType() {
            return extensions.mapType() != null ? extensions.mapType() : target().mapType();
        }

        @Override
        public String toString() {
            return "$ref " + name;
        }
    }
}
