package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A Deployment's view of its ReplicaSets: counts, revisions, annotations and orders (upstream's deploymentutil). */
final class ReplicaSets {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    /** Deployment annotations a ReplicaSet does not inherit. */
    static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration", REVISION, REVISION_HISTORY,
            DESIRED_REPLICAS, MAX_REPLICAS, "deprecated.deployment.rollback.to");
    static final int MAX_REVISION_HISTORY_CHARS = 2000;

    /** Oldest first; equal times by name (ReplicaSetsByCreationTimestamp). */
    static final Comparator<JsonNode> BY_CREATION = Comparator
            .comparing((JsonNode rs) -> Json.text(rs, "metadata", "creationTimestamp"), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Objects::name);
    /** Lowest revision first, then oldest (ReplicaSetsByRevision). */
    static final Comparator<JsonNode> BY_REVISION = Comparator.comparingLong(ReplicaSets::revision).thenComparing(BY_CREATION);
    /** Largest first, newer first among equals: where a scale-up goes (ReplicaSetsBySizeNewer). */
    static final Comparator<JsonNode> BY_SIZE_NEWER = Comparator.comparingInt(ReplicaSets::replicas).reversed()
            .thenComparing(BY_CREATION.reversed());
    /** Largest first, older first among equals: where a scale-down goes (ReplicaSetsBySizeOlder). */
    static final Comparator<JsonNode> BY_SIZE_OLDER = Comparator.comparingInt(ReplicaSets::replicas).reversed().thenComparing(BY_CREATION);

    private ReplicaSets() {
    }

    static int replicas(JsonNode rs) {
        return rs == null ? 0 : rs.path("spec").path("replicas").asInt(1);
    }

    static int statusReplicas(JsonNode rs) {
        return rs == null ? 0 : rs.path("status").path("replicas").asInt(0);
    }

    static int ready(JsonNode rs) {
        return rs == null ? 0 : rs.path("status").path("readyReplicas").asInt(0);
    }

    static int available(JsonNode rs) {
        return rs == null ? 0 : rs.path("status").path("availableReplicas").asInt(0);
    }

    static int sumReplicas(Collection<? extends JsonNode> sets) {
        return sets.stream().mapToInt(ReplicaSets::replicas).sum();
    }

    static int sumStatusReplicas(Collection<? extends JsonNode> sets) {
        return sets.stream().mapToInt(ReplicaSets::statusReplicas).sum();
    }

    static int sumReady(Collection<? extends JsonNode> sets) {
        return sets.stream().mapToInt(ReplicaSets::ready).sum();
    }

    static int sumAvailable(Collection<? extends JsonNode> sets) {
        return sets.stream().mapToInt(ReplicaSets::available).sum();
    }

    static List<ObjectNode> active(Collection<ObjectNode> sets) {
        return sets.stream().filter(rs -> rs != null && replicas(rs) > 0).collect(java.util.stream.Collectors.toList());
    }

    static long revision(JsonNode rs) {
        String revision = annotation(rs, REVISION);
        try {
            return revision == null ? 0 : Long.parseLong(revision);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static long maxRevision(Collection<? extends JsonNode> sets) {
        return sets.stream().mapToLong(ReplicaSets::revision).max().orElse(0);
    }

    static String annotation(JsonNode object, String key) {
        return Json.text(object, "metadata", "annotations", key);
    }

    static Integer intAnnotation(JsonNode object, String key) {
        String value = annotation(object, key);
        try {
            return value == null ? null : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Pod templates equal but for the pod-template-hash label (EqualIgnoreHash), compared as upstream's
     * semantic equality of typed objects does: null, empty objects and empty lists equal absent. kubectl's
     * client-side undo, for one, writes a template back with {@code creationTimestamp: null} and {@code resources: {}}.
     */
    static boolean sameTemplate(JsonNode a, JsonNode b) {
        return Json.sameJson(withoutHash(a), withoutHash(b));
    }

    private static JsonNode withoutHash(JsonNode template) {
        if (template == null || !template.isObject()) {
            return Json.object();
        }
        ObjectNode copy = ((ObjectNode) template).deepCopy();
        JsonNode labels = Json.at(copy, "metadata", "labels");
        if (labels instanceof ObjectNode labelMap) {
            labelMap.remove(PodTemplateHash.LABEL);
        }
        return normalized(copy);
    }

    /** A copy without null values, empty objects and empty lists, at any depth. */
    static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = normalized(field.getValue());
                if (!value.isNull() && !((value.isObject() || value.isArray()) && value.isEmpty())) {
                    copy.set(field.getKey(), value);
                }
            }
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = Json.array();
            node.forEach(item -> copy.add(normalized(item)));
            return copy;
        }
        return node;
    }

    /** Sets desired- and max-replicas annotations; whether anything changed. */
    static boolean setReplicasAnnotations(ObjectNode rs, int desired, int max) {
        ObjectNode annotations = Json.with(rs, "metadata", "annotations");
        boolean changed = !String.valueOf(desired).equals(annotations.path(DESIRED_REPLICAS).asText(null))
                || !String.valueOf(max).equals(annotations.path(MAX_REPLICAS).asText(null));
        annotations.put(DESIRED_REPLICAS, String.valueOf(desired));
        annotations.put(MAX_REPLICAS, String.valueOf(max));
        return changed;
    }

    static boolean replicasAnnotationsNeedUpdate(JsonNode rs, int desired, int max) {
        return !String.valueOf(desired).equals(annotation(rs, DESIRED_REPLICAS)) || !String.valueOf(max).equals(annotation(rs, MAX_REPLICAS));
    }

    /**
     * The new ReplicaSet's annotations (SetNewReplicaSetAnnotations): the deployment's own, a revision
     * one above every old set's, the previous revisions of a set rolled back to, and for a set about to
     * be created its replica annotations. Whether anything changed.
     */
    static boolean setNewReplicaSetAnnotations(ObjectNode deployment, ObjectNode rs, long newRevision, boolean exists, RolloutLimits limits) {
        ObjectNode annotations = Json.with(rs, "metadata", "annotations");
        boolean changed = false;
        JsonNode own = Json.at(deployment, "metadata", "annotations");
        if (own != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = own.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!NOT_COPIED.contains(entry.getKey()) && !entry.getValue().equals(annotations.get(entry.getKey()))) {
                    annotations.set(entry.getKey(), entry.getValue());
                    changed = true;
                }
            }
        }
        String oldRevision = annotations.path(REVISION).asText(null);
        long oldRevisionNumber = 0;
        if (oldRevision != null) {
            try {
                oldRevisionNumber = Long.parseLong(oldRevision);
            } catch (NumberFormatException e) {
                return changed;
            }
        }
        if (oldRevisionNumber < newRevision) {
            annotations.put(REVISION, String.valueOf(newRevision));
            changed = true;
            if (oldRevision != null) {
                String history = annotations.path(REVISION_HISTORY).asText("");
                if (history.isEmpty()) {
                    annotations.put(REVISION_HISTORY, oldRevision);
                } else {
                    List<String> revisions = new java.util.ArrayList<>(List.of(history.split(",")));
                    int total = history.length() + oldRevision.length() + 1;
                    while (total > MAX_REVISION_HISTORY_CHARS && !revisions.isEmpty()) {
                        total -= revisions.remove(0).length() + 1;
                    }
                    if (total <= MAX_REVISION_HISTORY_CHARS) {
                        revisions.add(oldRevision);
                        annotations.put(REVISION_HISTORY, String.join(",", revisions));
                    }
                }
            }
        }
        if (!exists) {
            int desired = deployment.path("spec").path("replicas").asInt(1);
            changed |= setReplicasAnnotations(rs, desired, desired + limits.maxSurge());
        }
        return changed;
    }
}
