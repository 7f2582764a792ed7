package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pods: PodSpec defaults plus what upstream's admission adds (service account, priority, the
 * not-ready/unreachable tolerations of 300 s), status Pending with its QoS class, and the rule that a
 * pod's spec may change only in images, activeDeadlineSeconds and added tolerations.
 */
public final class PodStrategy implements Strategy {
    static final long DEFAULT_TOLERATION_SECONDS = 300;

    private final PriorityAdmission priorities;

    PodStrategy(PriorityAdmission priorities) {
        this.priorities = priorities;
    }

    @Override
    public void prepareForCreate(ObjectNode pod) {
        ObjectNode spec = Json.with(pod, "spec");
        PodSpecs.applyDefaults(spec);
        PodSpecs.putIfAbsent(spec, "serviceAccountName", "default");
        spec.put("serviceAccount", spec.get("serviceAccountName").asText());
        priorities.admit(pod);
        ArrayNode tolerations = spec.withArray("tolerations");
        addDefaultToleration(tolerations, "node.kubernetes.io/not-ready");
        addDefaultToleration(tolerations, "node.kubernetes.io/unreachable");
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", qosClass(spec));
    }

    private static void addDefaultToleration(ArrayNode tolerations, String key) {
        for (JsonNode toleration : tolerations) {
            String effect = toleration.path("effect").asText("");
            boolean matchesKey = toleration.path("key").asText("").equals(key)
                    || (toleration.path("key").asText("").isEmpty() && toleration.path("operator").asText("").equals("Exists"));
            if (matchesKey && (effect.isEmpty() || effect.equals("NoExecute"))) {
                return;
            }
        }
        tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", "NoExecute")
                .put("tolerationSeconds", DEFAULT_TOLERATION_SECONDS);
    }

    /** Guaranteed when every container's limits equal its requests for cpu and memory; BestEffort when none set any. */
    static String qosClass(JsonNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode container : spec.path(list)) {
                JsonNode requests = container.path("resources").path("requests");
                JsonNode limits = container.path("resources").path("limits");
                for (String resource : new String[] {"cpu", "memory"}) {
                    JsonNode request = requests.get(resource);
                    JsonNode limit = limits.get(resource);
                    if (request != null || limit != null) {
                        any = true;
                    }
                    if (limit == null || (request != null && !request.asText().equals(limit.asText()))) {
                        guaranteed = false;
                    }
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    @Override
    public List<Cause> validate(ObjectNode pod) {
        return PodSpecs.validate(pod.get("spec"), "spec");
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode pod, ObjectNode old) {
        List<Cause> causes = new ArrayList<>(validate(pod));
        if (!mutableFieldsMasked(pod.get("spec"), old.get("spec")).equals(mutableFieldsMasked(old.get("spec"), old.get("spec")))) {
            causes.add(new Cause("FieldValueForbidden", "Forbidden: pod updates may not change fields other than "
                    + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                    + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
                    + "(allow it to be set to 1 if it was previously negative)", "spec"));
        }
        return causes;
    }

    /** The spec with the fields a pod update may change replaced by the old spec's. */
    private static JsonNode mutableFieldsMasked(JsonNode spec, JsonNode old) {
        if (spec == null || !spec.isObject()) {
            return spec;
        }
        ObjectNode masked = spec.deepCopy();
        for (String list : new String[] {"containers", "initContainers"}) {
            JsonNode oldContainers = old == null ? null : old.get(list);
            int index = 0;
            for (JsonNode container : masked.path(list)) {
                if (container.isObject() && oldContainers != null && oldContainers.has(index)) {
                    ((ObjectNode) container).set("image", oldContainers.get(index).get("image"));
                }
                index++;
            }
        }
        masked.remove("activeDeadlineSeconds");
        JsonNode tolerations = masked.get("tolerations");
        JsonNode oldTolerations = old == null ? null : old.get("tolerations");
        if (tolerations != null && oldTolerations != null && startsWith(tolerations, oldTolerations)) {
            masked.set("tolerations", oldTolerations);
        }
        return masked;
    }

    private static boolean startsWith(JsonNode list, JsonNode prefix) {
        if (list.size() < prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!list.get(i).equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldLabels() {
        return Map.of(
                "spec.nodeName", pod -> Json.text(pod, "spec", "nodeName"),
                "spec.restartPolicy", pod -> Json.text(pod, "spec", "restartPolicy"),
                "spec.schedulerName", pod -> Json.text(pod, "spec", "schedulerName"),
                "spec.serviceAccountName", pod -> Json.text(pod, "spec", "serviceAccountName"),
                "spec.hostNetwork", pod -> Boolean.toString(Json.at(pod, "spec", "hostNetwork") != null && Json.at(pod, "spec", "hostNetwork").asBoolean()),
                "status.phase", pod -> Json.text(pod, "status", "phase"),
                "status.podIP", pod -> Json.text(pod, "status", "podIP"),
                "status.nominatedNodeName", pod -> Json.text(pod, "status", "nominatedNodeName"));
    }
}
