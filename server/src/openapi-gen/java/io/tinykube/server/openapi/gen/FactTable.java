package io.tinykube.server.openapi.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema facts that the Java client's models do not carry: upstream's Go struct tags
 * ({@code patchStrategy}, {@code patchMergeKey}) and markers ({@code +listType}, {@code +listMapKey},
 * {@code +mapType}, {@code +structType}), and which fields are MicroTime, RawExtension or FieldsV1.
 *
 * <p>One line per fact: {@code SCHEMA PROPERTY KEY=VALUE...}; PROPERTY {@code .} means the schema itself.
 * SCHEMA may be abbreviated: {@code core.v1.PodSpec}, {@code meta.v1.ObjectMeta}, {@code runtime.RawExtension}.
 * Keys: {@code patch-strategy}, {@code patch-merge-key}, {@code list-type}, {@code list-map-keys} (comma
 * separated), {@code map-type} (each becomes {@code x-kubernetes-KEY}) and {@code ref} (the schema a
 * property refers to, for Java types that lose the distinction).
 */
final class FactTable {
    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    /** schema name → property ("." for the schema) → key → value. */
    private final Map<String, Map<String, Map<String, Object>>> facts = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    static FactTable read(Path file) throws IOException {
        FactTable table = new FactTable();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] words = text.split("\\s+");
            if (words.length < 3) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": expected SCHEMA PROPERTY KEY=VALUE...");
            }
            Map<String, Object> entry = table.facts.computeIfAbsent(expand(words[0]), k -> new LinkedHashMap<>())
                    .computeIfAbsent(words[1], k -> new LinkedHashMap<>());
            for (String fact : Arrays.asList(words).subList(2, words.length)) {
                int eq = fact.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": not KEY=VALUE: " + fact);
                }
                String key = fact.substring(0, eq);
                String value = fact.substring(eq + 1);
                switch (key) {
                    case "patch-strategy", "patch-merge-key", "list-type", "map-type" -> entry.put("x-kubernetes-" + key, value);
                    case "list-map-keys" -> entry.put("x-kubernetes-list-map-keys", List.of(value.split(",")));
                    case "ref" -> entry.put("ref", expand(value));
                    default -> throw new IllegalArgumentException(file + ":" + lineNumber + ": unknown key " + key);
                }
            }
        }
        return table;
    }

    static String expand(String name) {
        if (name.startsWith("io.k8s.")) {
            return name;
        }
        if (name.startsWith("meta.v1.")) {
            return META + name.substring("meta.v1.".length());
        }
        if (name.startsWith("runtime.")) {
            return "io.k8s.apimachinery.pkg.runtime." + name.substring("runtime.".length());
        }
        return "io.k8s.api." + name;
    }

    /** The facts for a property (or "." for the schema), marking them used; never null. */
    Map<String, Object> get(String schema, String property) {
        Map<String, Map<String, Object>> bySchema = facts.get(schema);
        Map<String, Object> entry = bySchema == null ? null : bySchema.get(property);
        if (entry == null) {
            return Map.of();
        }
        used.add(schema + " " + property);
        return entry;
    }

    /** Facts that named no generated schema or property: typos, or upstream renamed something. */
    List<String> unused() {
        List<String> unused = new ArrayList<>();
        facts.forEach((schema, props) -> props.keySet().forEach(p -> {
            if (!used.contains(schema + " " + p)) {
                unused.add(schema + " " + p);
            }
        }));
        return unused;
    }
}
