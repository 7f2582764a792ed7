package io.tinykube.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Binding a pod to a node (pods/binding, or the legacy bindings resource): what the scheduler writes. */
@ApplicationScoped
public class PodBinding {
    @Inject
    ResourceRegistry registry;

    ObjectNode bind(String namespace, ObjectNode binding) {
        String podName = Objects.name(binding);
        String node = Json.text(binding, "target", "name");
        if (node == null || node.isEmpty()) {
            throw ApiException.badRequest("Binding.target.name is required");
        }
        assign(registry.require("", "v1", "pods"), namespace, podName, node);
        ObjectNode status = Status.success(null);
        status.put("code", 201);
        return status;
    }

    /** Sets the pod's node, once: what binding does, for the API and for the in-process scheduler. */
    public static void assign(GenericStore pods, String namespace, String podName, String node) {
        pods.update(namespace, podName, pod -> {
            String assigned = Json.text(pod, "spec", "nodeName");
            if (assigned != null) {
                throw ApiException.conflict(pods.type(), podName + "/binding", "pod " + podName + " is already assigned to node \"" + assigned + "\"");
            }
            if (Objects.isDeleting(pod)) {
                throw ApiException.conflict(pods.type(), podName + "/binding", "pod " + podName + " is being deleted, cannot be assigned to a host");
            }
            Json.with(pod, "spec").put("nodeName", node);
            setScheduled(pod);
            return pod;
        }, Part.ALL, false);
    }

    private static void setScheduled(ObjectNode pod) {
        ArrayNode conditions = Json.with(pod, "status").withArray("conditions");
        for (JsonNode condition : conditions) {
            if ("PodScheduled".equals(condition.path("type").asText())) {
                if (!"True".equals(condition.path("status").asText())) {
                    ((ObjectNode) condition).put("lastTransitionTime", Objects.timestamp(Instant.now()));
                }
                ((ObjectNode) condition).put("status", "True").remove(java.util.List.of("reason", "message"));
                return;
            }
        }
        conditions.addObject().put("type", "PodScheduled").put("status", "True").putNull("lastProbeTime")
                .put("lastTransitionTime", Objects.timestamp(Instant.now()));
    }
}
