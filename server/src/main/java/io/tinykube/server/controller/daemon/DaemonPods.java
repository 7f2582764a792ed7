package io.tinykube.server.controller.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A DaemonSet's pods as upstream's daemon util builds and reads them: the template with the default daemon
 * tolerations, the revision labels and a node affinity naming the one node; which node a pod is for; whether
 * it is of the current revision, ready, available.
 */
final class DaemonPods {
    static final String REVISION_HASH = "controller-revision-hash";
    static final String TEMPLATE_GENERATION = "pod-template-generation";
    static final String TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";
    private static final String NO_EXECUTE = "NoExecute";
    private static final String NO_SCHEDULE = "NoSchedule";

    /** Scheduled pods first, then the oldest, then by name (upstream's podByCreationTimestampAndPhase). */
    static final Comparator<JsonNode> OLDEST_FIRST = Comparator
            .comparing((JsonNode pod) -> nodeName(pod) == null)
            .thenComparing(pod -> Json.text(pod, "metadata", "creationTimestamp"), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Objects::name, Json::compareGoStrings);

    private DaemonPods() {
    }

    /** What the predicates look at (upstream's NewPod): the template's spec on {@code node}, with the daemon tolerations. */
    static ObjectNode probe(ObjectNode daemonSet, String node) {
        ObjectNode pod = Json.object();
        JsonNode metadata = Json.at(daemonSet, "spec", "template", "metadata");
        pod.set("metadata", metadata == null ? Json.object() : metadata.deepCopy());
        ObjectNode spec = templateSpec(daemonSet);
        spec.put("nodeName", node);
        addDaemonTolerations(spec);
        pod.set("spec", spec);
        return pod;
    }

    /** The pod to create on {@code node} (upstream's CreatePodTemplate and ReplaceDaemonSetPodNodeNameNodeAffinity). */
    static ObjectNode build(ObjectNode daemonSet, String node, String hash) {
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        JsonNode templateMetadata = Json.at(daemonSet, "spec", "template", "metadata");
        ObjectNode metadata = templateMetadata instanceof ObjectNode object ? object.deepCopy() : Json.object();
        metadata.remove(List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp", "ownerReferences"));
        metadata.put("generateName", Objects.name(daemonSet) + "-");
        metadata.put("namespace", Objects.namespace(daemonSet));
        ObjectNode labels = Json.with(metadata, "labels");
        String generation = Json.text(daemonSet, "metadata", "annotations", TEMPLATE_GENERATION_ANNOTATION);
        if (generation != null) {
            labels.put(TEMPLATE_GENERATION, generation);
        }
        labels.put(REVISION_HASH, hash);
        metadata.putArray("ownerReferences").add(controllerRef(daemonSet));
        pod.set("metadata", metadata);
        ObjectNode spec = templateSpec(daemonSet);
        addDaemonTolerations(spec);
        requireNode(spec, node);
        pod.set("spec", spec);
        return pod;
    }

    private static ObjectNode templateSpec(ObjectNode daemonSet) {
        JsonNode spec = Json.at(daemonSet, "spec", "template", "spec");
        return spec instanceof ObjectNode object ? object.deepCopy() : Json.object();
    }

    /** Upstream's AddOrUpdateDaemonPodTolerations: node problems never evict or keep out a daemon pod. */
    static void addDaemonTolerations(ObjectNode spec) {
        tolerate(spec, "node.kubernetes.io/not-ready", NO_EXECUTE);
        tolerate(spec, "node.kubernetes.io/unreachable", NO_EXECUTE);
        tolerate(spec, "node.kubernetes.io/disk-pressure", NO_SCHEDULE);
        tolerate(spec, "node.kubernetes.io/memory-pressure", NO_SCHEDULE);
        tolerate(spec, "node.kubernetes.io/pid-pressure", NO_SCHEDULE);
        tolerate(spec, "node.kubernetes.io/unschedulable", NO_SCHEDULE);
        if (spec.path("hostNetwork").asBoolean(false)) {
            tolerate(spec, "node.kubernetes.io/network-unavailable", NO_SCHEDULE);
        }
    }

    /**
     * AddOrUpdateTolerationInPodSpec with an {@code Exists} toleration: one with the same key, operator, value and
     * effect is replaced (dropping its tolerationSeconds), otherwise the toleration is appended.
     */
    private static void tolerate(ObjectNode spec, String key, String effect) {
        ObjectNode toleration = Json.object().put("key", key).put("operator", "Exists").put("effect", effect);
        JsonNode existing = spec.get("tolerations");
        ArrayNode tolerations = existing instanceof ArrayNode array ? array : spec.putArray("tolerations");
        for (int i = 0; i < tolerations.size(); i++) {
            JsonNode other = tolerations.get(i);
            if (key.equals(other.path("key").asText()) && "Exists".equals(other.path("operator").asText())
                    && other.path("value").asText("").isEmpty() && effect.equals(other.path("effect").asText())) {
                tolerations.set(i, toleration);
                return;
            }
        }
        tolerations.add(toleration);
    }

    /** The required node affinity becomes the single term {@code metadata.name In [node]}; other terms were checked already. */
    static void requireNode(ObjectNode spec, String node) {
        ObjectNode term = Json.object();
        term.putArray("matchFields").addObject().put("key", "metadata.name").put("operator", "In").putArray("values").add(node);
        ObjectNode required = Json.with(spec, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
        required.putArray("nodeSelectorTerms").add(term);
    }

    /** Upstream's GetTargetNodeName: the bound node, or the single node its matchFields name; null when neither. */
    static String targetNode(JsonNode pod) {
        String bound = nodeName(pod);
        if (bound != null) {
            return bound;
        }
        JsonNode terms = Json.at(pod, "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
        if (terms == null) {
            return null;
        }
        for (JsonNode term : terms) {
            for (JsonNode field : term.path("matchFields")) {
                if ("metadata.name".equals(field.path("key").asText()) && "In".equals(field.path("operator").asText())) {
                    return field.path("values").size() == 1 ? field.path("values").get(0).asText() : null;
                }
            }
        }
        return null;
    }

    private static String nodeName(JsonNode pod) {
        String node = Json.text(pod, "spec", "nodeName");
        return node == null || node.isEmpty() ? null : node;
    }

    static ObjectNode controllerRef(ObjectNode daemonSet) {
        return Json.object().put("apiVersion", "apps/v1").put("kind", "DaemonSet").put("name", Objects.name(daemonSet))
                .put("uid", Json.text(daemonSet, "metadata", "uid")).put("controller", true).put("blockOwnerDeletion", true);
    }

    /** The owner reference with controller=true, or null. */
    static JsonNode controllerOf(JsonNode object) {
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            if (reference.path("controller").asBoolean(false)) {
                return reference;
            }
        }
        return null;
    }

    /** Upstream's IsPodUpdated: the current revision's hash, or the current template generation. */
    static boolean updated(JsonNode pod, String hash, String templateGeneration) {
        JsonNode labels = pod.path("metadata").path("labels");
        return (hash != null && !hash.isEmpty() && hash.equals(labels.path(REVISION_HASH).asText(null)))
                || (templateGeneration != null && templateGeneration.equals(labels.path(TEMPLATE_GENERATION).asText(null)));
    }

    static String phase(JsonNode pod) {
        return pod.path("status").path("phase").asText("");
    }

    static boolean ready(JsonNode pod) {
        return readySince(pod) != null;
    }

    /** When the Ready condition became True, or null when the pod is not ready. */
    private static Instant readySince(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                if (!"True".equals(condition.path("status").asText())) {
                    return null;
                }
                String since = condition.path("lastTransitionTime").asText("");
                return since.isEmpty() ? Instant.EPOCH : Instant.parse(since);
            }
        }
        return null;
    }

    /** Upstream's IsPodAvailable: ready for at least minReadySeconds. */
    static boolean available(JsonNode pod, long minReadySeconds, Instant now) {
        Instant since = readySince(pod);
        return since != null && (minReadySeconds == 0 || !since.plusSeconds(minReadySeconds).isAfter(now));
    }
}
