package io.tinykube.server.controller.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * ControllerRevisions of a DaemonSet (upstream's daemon {@code getPatch}, {@code Match} and {@code snapshot}): the data
 * is a strategic merge patch replacing {@code spec.template}, which {@code kubectl rollout undo} sends back as is;
 * the name is {@code <ds>-<hash>}, the hash also labels the revision and the pods.
 */
final class DaemonRevisions {
    /** rand.SafeEncodeString's alphabet: no vowels, no look-alike characters. */
    private static final String SAFE_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private DaemonRevisions() {
    }

    /**
     * {@code {"spec":{"template":{..., "$patch":"replace"}}}} with keys sorted as Go marshals a map, and without null
     * values, empty objects and empty lists, which a typed Go template cannot tell from absent ones: a template written
     * back by kubectl's undo (with {@code creationTimestamp: null}, {@code resources: {}}) matches its old revision.
     */
    static ObjectNode patch(ObjectNode daemonSet) {
        JsonNode template = Json.at(daemonSet, "spec", "template");
        ObjectNode normalized = template == null ? Json.object() : (ObjectNode) normalized(template);
        normalized.put("$patch", "replace");
        ObjectNode sorted = (ObjectNode) normalized(normalized);
        ObjectNode patch = Json.object();
        patch.putObject("spec").set("template", sorted);
        return patch;
    }

    /** Whether {@code revision} holds {@code daemonSet}'s current template. */
    static boolean matches(ObjectNode daemonSet, JsonNode revision) {
        JsonNode data = revision.get("data");
        return data != null && Json.sameJson(normalized(data), patch(daemonSet));
    }

    /** A new (unsaved) revision of the DaemonSet's template. */
    static ObjectNode build(ObjectNode daemonSet, long number, long collisionCount) {
        ObjectNode data = patch(daemonSet);
        String hash = hash(data, collisionCount);
        ObjectNode revision = Json.object().put("apiVersion", "apps/v1").put("kind", "ControllerRevision");
        ObjectNode metadata = revision.putObject("metadata");
        metadata.put("name", name(Objects.name(daemonSet), hash));
        metadata.put("namespace", Objects.namespace(daemonSet));
        ObjectNode labels = metadata.putObject("labels");
        Objects.labels(Json.at(daemonSet, "spec", "template")).forEach(labels::put);
        labels.put(DaemonPods.REVISION_HASH, hash);
        JsonNode annotations = Json.at(daemonSet, "metadata", "annotations");
        if (annotations != null && annotations.isObject() && !annotations.isEmpty()) {
            metadata.set("annotations", annotations.deepCopy()); // kubernetes.io/change-cause shows in rollout history
        }
        metadata.putArray("ownerReferences").add(DaemonPods.controllerRef(daemonSet));
        revision.set("data", data);
        revision.put("revision", number);
        return revision;
    }

    static String name(String daemonSet, String hash) {
        return (daemonSet.length() > 223 ? daemonSet.substring(0, 223) : daemonSet) + "-" + hash;
    }

    static String hash(JsonNode revision) {
        return Json.text(revision, "metadata", "labels", DaemonPods.REVISION_HASH);
    }

    static long number(JsonNode revision) {
        return revision.path("revision").asLong(0);
    }

    /** FNV-32a over the template data and the collision count (as four little-endian bytes), safely encoded. */
    static String hash(ObjectNode data, long collisionCount) {
        int hash = 0x811c9dc5;
        for (byte b : Json.bytes(data)) {
            hash = (hash ^ (b & 0xff)) * 0x01000193;
        }
        if (collisionCount != 0) {
            for (int i = 0; i < 4; i++) {
                hash = (hash ^ (int) ((collisionCount >>> (8 * i)) & 0xff)) * 0x01000193;
            }
        }
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder encoded = new StringBuilder(decimal.length());
        for (int i = 0; i < decimal.length(); i++) {
            encoded.append(SAFE_ALPHANUMS.charAt(decimal.charAt(i) % SAFE_ALPHANUMS.length()));
        }
        return encoded.toString();
    }

    /** A copy with keys sorted as Go sorts map keys, without nulls, empty objects and empty lists. */
    static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            keys.sort(Json::compareGoStrings);
            ObjectNode copy = Json.object();
            for (String key : keys) {
                JsonNode value = normalized(node.get(key));
                if (!value.isNull() && !((value.isObject() || value.isArray()) && value.isEmpty())) {
                    copy.set(key, value);
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.array();
            node.forEach(item -> copy.add(normalized(item)));
            return copy;
        }
        return node;
    }

    /** Revisions by ascending number (upstream's historiesByRevision). */
    static void sortByNumber(List<ObjectNode> revisions) {
        revisions.sort(Comparator.comparingLong(DaemonRevisions::number));
    }
}
