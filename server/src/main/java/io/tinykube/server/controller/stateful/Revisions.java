package io.tinykube.server.controller.stateful;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ControllerRevisions of a StatefulSet (upstream's {@code history} package and {@code newRevision}): the
 * data is a strategic merge patch that replaces {@code spec.template}, so {@code kubectl rollout undo}
 * applies it as is; the name is {@code <set>-<hash>} with the hash over that data and the collision count.
 */
final class Revisions {
    static final String HASH_LABEL = "controller.kubernetes.io/hash";
    /** rand.SafeEncodeString's alphabet: no vowels, no look-alike characters. */
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private Revisions() {
    }

    /** {@code {"spec":{"template":{..., "$patch":"replace"}}}} with keys sorted, as Go marshals a map. */
    static ObjectNode patch(ObjectNode set) {
        ObjectNode template = Json.with(set, "spec", "template").deepCopy();
        template.put("$patch", "replace");
        ObjectNode patch = Json.object();
        patch.putObject("spec").set("template", template);
        return (ObjectNode) sorted(patch);
    }

    /** A new (unsaved) revision of {@code set}'s template with revision number {@code number}. */
    static ObjectNode build(ObjectNode set, long number, int collisionCount) {
        ObjectNode data = patch(set);
        String hash = hash(data, collisionCount);
        ObjectNode revision = Json.object().put("apiVersion", "apps/v1").put("kind", "ControllerRevision");
        ObjectNode metadata = revision.putObject("metadata");
        metadata.put("name", name(Objects.name(set), hash));
        metadata.put("namespace", Objects.namespace(set));
        ObjectNode labels = metadata.putObject("labels");
        Objects.labels(Json.at(set, "spec", "template")).forEach(labels::put);
        labels.put(HASH_LABEL, hash);
        JsonNode annotations = Json.at(set, "metadata", "annotations");
        if (annotations != null && annotations.isObject() && !annotations.isEmpty()) {
            metadata.set("annotations", annotations.deepCopy()); // e.g. kubernetes.io/change-cause for rollout history
        }
        metadata.putArray("ownerReferences").add(StatefulPods.controllerRef(set));
        revision.set("data", data);
        revision.put("revision", number);
        return revision;
    }

    static String name(String prefix, String hash) {
        return (prefix.length() > 223 ? prefix.substring(0, 223) : prefix) + "-" + hash;
    }

    /** fnv32a over the data and the collision count, encoded as upstream's HashControllerRevision does. */
    static String hash(ObjectNode data, int collisionCount) {
        int hash = 0x811c9dc5;
        byte[] bytes = Json.bytes(data);
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * 0x01000193;
        }
        if (collisionCount != 0) {
            for (byte b : Integer.toString(collisionCount).getBytes(StandardCharsets.US_ASCII)) {
                hash = (hash ^ (b & 0xff)) * 0x01000193;
            }
        }
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder encoded = new StringBuilder(decimal.length());
        for (char c : decimal.toCharArray()) {
            encoded.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return encoded.toString();
    }

    /** Whether two revisions hold the same template. */
    static boolean sameData(ObjectNode a, ObjectNode b) {
        return Json.sameJson(a.get("data"), b.get("data"));
    }

    static long number(ObjectNode revision) {
        return revision.path("revision").asLong(0);
    }

    /** Revisions by ascending revision number, then name. */
    static List<ObjectNode> sortedByNumber(List<ObjectNode> revisions) {
        List<ObjectNode> sorted = new ArrayList<>(revisions);
        sorted.sort(Comparator.comparingLong(Revisions::number).thenComparing(Objects::name));
        return sorted;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>(Json::compareGoStrings);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                fields.put(entry.getKey(), sorted(entry.getValue()));
            }
            ObjectNode copy = Json.object();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = Json.array();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
