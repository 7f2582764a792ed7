package io.tinykube.server.controller.stateful;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The identity of a StatefulSet's pods and claims, and the pod states its ordering waits on. */
final class StatefulPods {
    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    static final String REVISION_LABEL = "controller-revision-hash";

    private StatefulPods() {
    }

    /** The ordinal of a member of {@code setName} ({@code <set>-<ordinal>}), or -1 for any other name. */
    static int ordinal(String setName, String podName) {
        if (podName == null || !podName.startsWith(setName + "-")) {
            return -1;
        }
        String digits = podName.substring(setName.length() + 1);
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    static String podName(String setName, int ordinal) {
        return setName + "-" + ordinal;
    }

    static String claimName(String template, String setName, int ordinal) {
        return template + "-" + setName + "-" + ordinal;
    }

    /** An ownerReference making {@code owner} (a stored object) the controller of what carries it. */
    static ObjectNode controllerRef(ObjectNode owner) {
        return ownerRef(owner).put("controller", true).put("blockOwnerDeletion", true);
    }

    /** A plain ownerReference, as upstream puts on claims for the retention policy. */
    static ObjectNode ownerRef(ObjectNode owner) {
        ObjectNode ref = Json.object();
        ref.put("apiVersion", owner.path("apiVersion").asText());
        ref.put("kind", owner.path("kind").asText());
        ref.put("name", Objects.name(owner));
        ref.put("uid", Json.text(owner, "metadata", "uid"));
        return ref;
    }

    /** The uid of the object's controller owner, or null. */
    static String controllerUid(JsonNode object) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return ref.path("uid").asText(null);
            }
        }
        return null;
    }

    /**
     * Pod {@code ordinal} of {@code set} from {@code template} (the pod template of the revision it belongs to):
     * stable name and hostname, the governing service as subdomain, claims as volumes.
     */
    static ObjectNode newPod(ObjectNode set, ObjectNode template, String revision, int ordinal) {
        String setName = Objects.name(set);
        String name = podName(setName, ordinal);
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", Objects.namespace(set));
        ObjectNode labels = metadata.putObject("labels");
        Objects.labels(template).forEach(labels::put);
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        labels.put(REVISION_LABEL, revision);
        for (String field : new String[] {"annotations", "finalizers"}) {
            JsonNode value = Json.at(template, "metadata", field);
            if (value != null) {
                metadata.set(field, value.deepCopy());
            }
        }
        metadata.putArray("ownerReferences").add(controllerRef(set));
        JsonNode templateSpec = template.get("spec");
        ObjectNode spec = templateSpec != null && templateSpec.isObject() ? ((ObjectNode) templateSpec).deepCopy() : Json.object();
        pod.set("spec", spec);
        spec.put("hostname", name);
        String serviceName = Json.text(set, "spec", "serviceName");
        if (serviceName != null && !serviceName.isEmpty()) {
            spec.put("subdomain", serviceName);
        }
        attachClaims(set, spec, ordinal);
        return pod;
    }

    /** Replaces volumes named like a claim template with that claim; other volumes stay. */
    private static void attachClaims(ObjectNode set, ObjectNode spec, int ordinal) {
        JsonNode templates = Json.at(set, "spec", "volumeClaimTemplates");
        if (templates == null || templates.isEmpty()) {
            return;
        }
        ArrayNode volumes = Json.array();
        List<String> claimed = new ArrayList<>();
        for (JsonNode claim : templates) {
            String template = Objects.name(claim);
            claimed.add(template);
            ObjectNode volume = volumes.addObject().put("name", template);
            volume.putObject("persistentVolumeClaim").put("claimName", claimName(template, Objects.name(set), ordinal));
        }
        for (JsonNode volume : spec.path("volumes")) {
            if (!claimed.contains(volume.path("name").asText())) {
                volumes.add(volume);
            }
        }
        spec.set("volumes", volumes);
    }

    /** The claims pod {@code ordinal} uses: each template named for the pod, labelled with the set's selector. */
    static List<ObjectNode> claims(ObjectNode set, int ordinal) {
        List<ObjectNode> claims = new ArrayList<>();
        for (JsonNode template : Json.at(set, "spec").path("volumeClaimTemplates")) {
            ObjectNode claim = ((ObjectNode) template).deepCopy();
            claim.put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
            claim.remove("status");
            ObjectNode metadata = Objects.metadata(claim);
            metadata.put("name", claimName(Objects.name(template), Objects.name(set), ordinal));
            metadata.put("namespace", Objects.namespace(set));
            ObjectNode labels = Json.with(metadata, "labels");
            Objects.stringMap(Json.at(set, "spec", "selector", "matchLabels")).forEach(labels::put);
            claims.add(claim);
        }
        return claims;
    }

    static String revision(JsonNode pod) {
        return Json.text(pod, "metadata", "labels", REVISION_LABEL);
    }

    static boolean terminating(JsonNode pod) {
        return Objects.isDeleting(pod);
    }

    /** Failed or Succeeded: the pod will not run again, so the set replaces it. */
    static boolean finished(JsonNode pod) {
        String phase = Json.text(pod, "status", "phase");
        return "Failed".equals(phase) || "Succeeded".equals(phase);
    }

    static boolean runningAndReady(JsonNode pod) {
        return "Running".equals(Json.text(pod, "status", "phase")) && readyCondition(pod) != null;
    }

    static boolean healthy(JsonNode pod) {
        return runningAndReady(pod) && !terminating(pod);
    }

    /** How long until a running and ready pod has been ready for {@code minReadySeconds}; zero once it has. */
    static Duration untilAvailable(JsonNode pod, int minReadySeconds, Instant now) {
        JsonNode ready = readyCondition(pod);
        if (minReadySeconds <= 0 || ready == null) {
            return Duration.ZERO;
        }
        String since = ready.path("lastTransitionTime").asText(null);
        if (since == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, Instant.parse(since).plusSeconds(minReadySeconds));
        return left.isNegative() ? Duration.ZERO : left;
    }

    static boolean runningAndAvailable(JsonNode pod, int minReadySeconds, Instant now) {
        return runningAndReady(pod) && untilAvailable(pod, minReadySeconds, now).isZero();
    }

    private static JsonNode readyCondition(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText()) && "True".equals(condition.path("status").asText())) {
                return condition;
            }
        }
        return null;
    }
}
