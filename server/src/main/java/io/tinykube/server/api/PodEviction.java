package io.tinykube.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.controller.disruption.DisruptionBudgets;
import io.tinykube.server.controller.disruption.DisruptionController;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.FieldSelector;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The eviction subresource's guard, as upstream's: a pod covered by a PodDisruptionBudget may go only
 * when the budget allows a disruption, which the eviction then takes (decrementing
 * {@code disruptionsAllowed} and recording the pod); otherwise 429, which {@code kubectl drain} retries.
 */
final class PodEviction {
    static final String VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

    private PodEviction() {
    }

    /** Takes a disruption from the pod's budget, or throws the error upstream answers. */
    static void admit(ResourceRegistry registry, ObjectNode pod, boolean dryRun) {
        if (canIgnoreBudget(pod)) {
            return;
        }
        GenericStore budgets = registry.require("policy", "v1", "poddisruptionbudgets");
        String namespace = Objects.namespace(pod);
        List<ObjectNode> covering = new ArrayList<>();
        for (ObjectNode budget : budgets.list(namespace, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0).items()) {
            if (DisruptionController.selects(budget, pod)) {
                covering.add(budget);
            }
        }
        if (covering.isEmpty()) {
            return;
        }
        if (covering.size() > 1) {
            throw ApiException.internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }
        ObjectNode budget = covering.get(0);
        if (!DisruptionBudgets.isReady(pod) && "AlwaysAllow".equals(Json.text(budget, "spec", "unhealthyPodEvictionPolicy"))) {
            return;
        }
        JsonNode status = budget.path("status");
        if (!DisruptionBudgets.isReady(pod) && status.path("currentHealthy").asInt() >= status.path("desiredHealthy").asInt()
                && status.path("desiredHealthy").asInt() > 0) {
            return; // an unhealthy pod of a budget that is met anyway (IfHealthyBudget)
        }
        if (dryRun) {
            check(budget);
            return;
        }
        budgets.update(namespace, Objects.name(budget), current -> {
            check(current);
            ObjectNode currentStatus = Json.with(current, "status");
            currentStatus.put("disruptionsAllowed", currentStatus.path("disruptionsAllowed").asInt() - 1);
            Json.with(currentStatus, "disruptedPods").put(Objects.name(pod), Objects.timestamp(Instant.now()));
            return current;
        }, Part.STATUS, false);
    }

    private static void check(JsonNode budget) {
        JsonNode status = budget.path("status");
        if (status.path("observedGeneration").asLong(0) < budget.path("metadata").path("generation").asLong(1)) {
            throw tooManyRequests("The disruption budget " + Objects.name(budget) + " is still being processed by the server.");
        }
        if (status.path("disruptionsAllowed").asInt() < 0) {
            throw new ApiException(403, "Forbidden", "pdb disruptions allowed is negative", null);
        }
        if (status.path("disruptionsAllowed").asInt() == 0) {
            throw tooManyRequests("The disruption budget " + Objects.name(budget) + " needs " + status.path("desiredHealthy").asInt()
                    + " healthy pods and has " + status.path("currentHealthy").asInt() + " currently");
        }
    }

    private static ApiException tooManyRequests(String cause) {
        ObjectNode details = Json.object();
        details.putArray("causes").addObject().put("reason", "DisruptionBudget").put("message", cause);
        return new ApiException(429, "TooManyRequests", VIOLATION, details);
    }

    /** Pods that are not running (or already going) are evicted without asking any budget. */
    private static boolean canIgnoreBudget(JsonNode pod) {
        String phase = Json.text(pod, "status", "phase");
        return "Succeeded".equals(phase) || "Failed".equals(phase) || "Pending".equals(phase) || Objects.isDeleting(pod);
    }
}
