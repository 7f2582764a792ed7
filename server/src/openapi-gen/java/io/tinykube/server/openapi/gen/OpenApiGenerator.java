package io.tinykube.server.openapi.gen;

import static io.tinykube.server.openapi.gen.SchemaSet.map;

import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.ResourceType;
import io.tinykube.server.registry.ResourceType.Subresource;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Generates, at build time, one OpenAPI v3 document per served group-version (like upstream's
 * {@code /openapi/v3/apis/apps/v1}) from the official Kubernetes Java client's models and the fact table of
 * upstream's list, map and patch markers. Writes {@code openapi/v3/<gv>.json.gz} and {@code openapi/v3/index.json}
 * (group-version → SHA-512 of the uncompressed document, upper-case hex as upstream's {@code ?hash=}).
 *
 * <p>Arguments: the fact table file and the output (classes) directory.
 */
public final class OpenApiGenerator {
    private OpenApiGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: OpenApiGenerator FACT_TABLE OUTPUT_DIR");
        }
        long start = System.nanoTime();
        FactTable facts = FactTable.read(Path.of(args[0]));
        Path out = Path.of(args[1]).resolve("openapi/v3");
        Models models = new Models(OpenApiGenerator.class.getClassLoader());
        if (models.model("V1Pod") == null) {
            throw new IllegalStateException("io.kubernetes:client-java-api is not on the class path");
        }
        Map<Class<?>, List<Map<String, Object>>> gvks = groupVersionKinds(models);

        Map<String, Object> index = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, List<ResourceType>> gv : BuiltinResources.byGroupVersion().entrySet()) {
            ResourceType first = gv.getValue().get(0);
            String group = first.group();
            String version = first.version();
            SchemaSet schemas = new SchemaSet(models, facts, gvks);
            Paths paths = new Paths(models, schemas, group, version);
            paths.discovery();
            for (ResourceType type : gv.getValue()) {
                paths.resource(type);
            }
            // Always present upstream: the error body and the watch event.
            schemas.ref(models.model("V1Status"), "meta");
            schemas.ref(models.model("V1WatchEvent"), "meta");
            Map<String, Object> document = new TreeMap<>();
            document.put("components", map("schemas", schemas.schemas()));
            document.put("info", map("title", "Kubernetes", "version", "unversioned"));
            document.put("openapi", "3.0.0");
            document.put("paths", paths.paths());
            byte[] json = Json.write(document).getBytes(StandardCharsets.UTF_8);

            String key = first.pathPrefix().substring(1); // api/v1 or apis/apps/v1
            Path file = out.resolve(key + ".json.gz");
            Files.createDirectories(file.getParent());
            try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                gz.write(json);
            }
            total += Files.size(file);
            index.put(key, map("hash", sha512(json), "resource", "openapi/v3/" + key + ".json.gz",
                    "size", json.length));
        }
        Files.writeString(out.resolve("index.json"), Json.write(index));

        List<String> unused = facts.unused();
        if (!unused.isEmpty()) {
            throw new IllegalStateException("facts about schemas or properties that were not generated: " + unused);
        }
        System.out.printf(Locale.ROOT, "openapi: %d group-versions, %d KiB compressed, in %d ms%n",
                index.size(), total / 1024, (System.nanoTime() - start) / 1_000_000);
    }

    /** x-kubernetes-group-version-kind of each top-level model class. */
    private static Map<Class<?>, List<Map<String, Object>>> groupVersionKinds(Models models) {
        Map<Class<?>, List<Map<String, Object>>> gvks = new LinkedHashMap<>();
        List<Map<String, Object>> everyGroupVersion = new ArrayList<>();
        for (Map.Entry<String, List<ResourceType>> gv : BuiltinResources.byGroupVersion().entrySet()) {
            ResourceType first = gv.getValue().get(0);
            everyGroupVersion.add(map("group", first.group(), "kind", "DeleteOptions", "version", first.version()));
            for (ResourceType type : gv.getValue()) {
                add(gvks, models, type.group(), type.version(), type.kind(), true);
                if (!type.virtual()) {
                    add(gvks, models, type.group(), type.version(), type.listKind(), true);
                }
                for (Subresource sub : type.subresources()) {
                    add(gvks, models, sub.group(), sub.version(), sub.kind(), false);
                }
            }
        }
        gvks.put(models.model("V1DeleteOptions"), everyGroupVersion);
        List<Map<String, Object>> watchEvents = new ArrayList<>();
        for (Map<String, Object> gvk : everyGroupVersion) {
            Map<String, Object> w = new TreeMap<>(gvk);
            w.put("kind", "WatchEvent");
            watchEvents.add(w);
        }
        gvks.put(models.model("V1WatchEvent"), watchEvents);
        gvks.put(models.model("V1Status"), List.of(map("group", "", "kind", "Status", "version", "v1")));
        return gvks;
    }

    private static void add(Map<Class<?>, List<Map<String, Object>>> gvks, Models models, String group, String version,
                            String kind, boolean required) {
        Class<?> c = models.kind(group, version, kind);
        if (c == null) {
            if (required) {
                throw new IllegalStateException("no model class for " + group + "/" + version + " " + kind);
            }
            return; // connect options (PodExecOptions …) have no schema upstream either
        }
        gvks.putIfAbsent(c, List.of(map("group", group, "kind", kind, "version", version)));
    }

    static String sha512(byte[] data) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
