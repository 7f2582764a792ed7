package io.tinykube.server.openapi.gen;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code components.schemas} of one group-version document: every schema reachable from its roots. */
final class SchemaSet {
    static final String REF_PREFIX = "#/components/schemas/";
    static final String TIME = FactTable.META + "Time";
    static final String MICRO_TIME = FactTable.META + "MicroTime";
    static final String PATCH = FactTable.META + "Patch";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
    static final String FIELDS_V1 = FactTable.META + "FieldsV1";

    /**
     * Schemas of types the Java client represents with library classes; the descriptions are ours
     * (the models do not carry upstream's).
     */
    private static final Map<String, Map<String, Object>> SPECIAL = Map.of(
            TIME, map("description", "A timestamp in RFC 3339 form with second precision, e.g. 2024-01-02T15:04:05Z.",
                    "format", "date-time", "type", "string"),
            MICRO_TIME, map("description", "A timestamp in RFC 3339 form with microsecond precision, e.g. 2024-01-02T15:04:05.000000Z.",
                    "format", "date-time", "type", "string"),
            INT_OR_STRING, map("description", "Either an integer or a string, e.g. a port number or a port name, or a percentage.",
                    "format", "int-or-string", "oneOf", List.of(map("type", "integer"), map("type", "string"))),
            QUANTITY, map("description", "A fixed-point decimal number with an optional SI or binary suffix, e.g. 100m, 1.5, 2Gi, 1e3.",
                    "oneOf", List.of(map("type", "string"), map("type", "number"))),
            RAW_EXTENSION, map("description", "An embedded object of any kind, serialized as JSON.", "type", "object"),
            FIELDS_V1, map("description", "The set of fields a manager owns, in the FieldsV1 trie encoding.", "type", "object"),
            PATCH, map("description", "The body of a PATCH request; its form depends on the Content-Type.", "type", "object"));

    private final Models models;
    private final FactTable facts;
    private final Map<Class<?>, List<Map<String, Object>>> gvks;
    private final Map<String, Object> schemas = new TreeMap<>();
    private final Deque<Object[]> queue = new ArrayDeque<>();

    SchemaSet(Models models, FactTable facts, Map<Class<?>, List<Map<String, Object>>> gvks) {
        this.models = models;
        this.facts = facts;
        this.gvks = gvks;
    }

    Map<String, Object> schemas() {
        drain();
        return schemas;
    }

    /** Adds a model class (and what it refers to) and returns its {@code $ref}. */
    String ref(Class<?> model, String referrerPackage) {
        String name = models.schemaName(model, referrerPackage);
        if (!schemas.containsKey(name)) {
            schemas.put(name, null); // reserved; built by drain()
            queue.add(new Object[] {model, name});
        }
        return REF_PREFIX + name;
    }

    String special(String name) {
        Map<String, Object> schema = SPECIAL.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no schema for " + name);
        }
        schemas.put(name, schema);
        return REF_PREFIX + name;
    }

    private void drain() {
        while (!queue.isEmpty()) {
            Object[] next = queue.poll();
            Class<?> model = (Class<?>) next[0];
            String name = (String) next[1];
            schemas.put(name, build(model, name));
        }
    }

    private Map<String, Object> build(Class<?> model, String name) {
        Models.Model m = models.read(model);
        // The API group that the types this one refers to inherit (when the Java client's name does not say).
        String pkg = name.startsWith("io.k8s.api.") ? Models.packageOfSchema(name) : "meta";
        Map<String, Object> schema = new TreeMap<>();
        if (m.description() != null) {
            schema.put("description", m.description());
        }
        Map<String, Object> properties = new TreeMap<>();
        List<String> required = new ArrayList<>();
        for (Models.Property p : m.properties()) {
            properties.put(p.json(), property(name, pkg, p));
            if (p.required()) {
                required.add(p.json());
            }
        }
        if (!properties.isEmpty()) {
            schema.put("properties", properties);
        }
        if (!required.isEmpty()) {
            required.sort(null); // upstream lists them in Go struct order, which the models do not keep
            schema.put("required", required);
        }
        schema.put("type", "object");
        List<Map<String, Object>> gvk = gvks.get(model);
        if (gvk != null) {
            schema.put("x-kubernetes-group-version-kind", gvk);
        }
        schema.putAll(facts.get(name, "."));
        return schema;
    }

    private Map<String, Object> property(String owner, String pkg, Models.Property p) {
        Map<String, Object> fact = facts.get(owner, p.json());
        String ref = (String) fact.get("ref");
        Map<String, Object> type = type(p.type(), pkg, ref, owner + "." + p.json());
        Map<String, Object> schema = new TreeMap<>();
        boolean extensions = fact.keySet().stream().anyMatch(k -> k.startsWith("x-"));
        String description = p.description() != null ? p.description() : metadataDescription(p.json(), type);
        if (type.containsKey("$ref") && (description != null || extensions)) {
            // OpenAPI 3.0 ignores siblings of $ref, so upstream wraps references that carry more in allOf.
            schema.put("allOf", List.of(type));
        } else {
            schema.putAll(type);
        }
        if (description != null) {
            schema.put("description", description);
        }
        fact.forEach((k, v) -> {
            if (k.startsWith("x-")) {
                schema.put(k, v);
            }
        });
        return schema;
    }

    /**
     * The Java client drops the descriptions of properties whose type is another model (openapi-generator
     * ignores siblings of $ref). For metadata, the most common of them, upstream's text is the same nearly
     * everywhere; the rest stay without one (kubectl explain then shows the type's description).
     */
    private static String metadataDescription(String property, Map<String, Object> type) {
        if (!property.equals("metadata")) {
            return null;
        }
        Object ref = type.get("$ref");
        if ((REF_PREFIX + FactTable.META + "ObjectMeta").equals(ref)) {
            return "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
        }
        if ((REF_PREFIX + FactTable.META + "ListMeta").equals(ref)) {
            return "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
        }
        return null;
    }

    private Map<String, Object> type(Type type, String pkg, String ref, String where) {
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            Type[] args = pt.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return map("items", type(args[0], pkg, ref, where), "type", "array");
            }
            if (Map.class.isAssignableFrom(raw)) {
                if (args[0] != String.class) {
                    throw new IllegalStateException(where + ": map keys must be strings");
                }
                return map("additionalProperties", type(args[1], pkg, ref, where), "type", "object");
            }
            throw new IllegalStateException(where + ": unexpected generic type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (ref != null) {
            if (c != Object.class && c != OffsetDateTime.class) {
                throw new IllegalStateException(where + ": ref= only applies to Object and OffsetDateTime, not " + c);
            }
            return map("$ref", special(ref));
        }
        if (c == String.class) {
            return map("type", "string");
        } else if (c == Integer.class) {
            return map("format", "int32", "type", "integer");
        } else if (c == Long.class) {
            return map("format", "int64", "type", "integer");
        } else if (c == Double.class || c == Float.class) {
            return map("format", "double", "type", "number");
        } else if (c == Boolean.class) {
            return map("type", "boolean");
        } else if (c == byte[].class) {
            return map("format", "byte", "type", "string");
        } else if (c == OffsetDateTime.class) {
            return map("$ref", special(TIME));
        } else if (c.getName().equals(Models.CUSTOM + "IntOrString")) {
            return map("$ref", special(INT_OR_STRING));
        } else if (c.getName().equals(Models.CUSTOM + "Quantity")) {
            return map("$ref", special(QUANTITY));
        } else if (Models.isModel(c)) {
            return map("$ref", ref(c, pkg));
        }
        throw new IllegalStateException(where + ": no schema for Java type " + c.getName()
                + " (for Object, add a ref= fact to the table)");
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
