package io.tinykube.server.controller.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.controller.runtime.StatusWrites;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.LabelSelectors;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PodDisruptionBudget status, as upstream's disruption controller: expected pods (the owning
 * controllers' replicas when the budget is a percentage or maxUnavailable), currently healthy (Ready)
 * pods, desired healthy, disruptions allowed, and the DisruptionAllowed condition. Pods the eviction
 * subresource has just evicted count as disrupted for two minutes, unless they are gone earlier.
 */
public final class DisruptionController implements Controller, Reconciler {
    static final Duration DISRUPTED_POD_TIMEOUT = Duration.ofMinutes(2);

    private Informer budgets;
    private Informer pods;
    private GenericStore budgetStore;
    private ResourceRegistry registry;
    private Clock clock;

    @Override
    public void start(ControllerContext context) {
        registry = context.registry();
        clock = context.clock();
        budgets = context.informers().get("policy", "v1", "poddisruptionbudgets");
        pods = context.informers().pods();
        budgetStore = context.store("policy", "v1", "poddisruptionbudgets");
        context.runner("disruption", this)
                .watch(budgets, budget -> true)
                .watchMapped(pods, this::budgetsOf)
                .resync(budgets, 60);
    }

    private List<String> budgetsOf(ObjectNode pod) {
        List<String> keys = new ArrayList<>();
        for (ObjectNode budget : budgets.list(Objects.namespace(pod))) {
            if (selects(budget, pod)) {
                keys.add(Informer.key(budget));
            }
        }
        return keys;
    }

    /** policy/v1: an empty selector selects every pod of the namespace; a missing one selects none. */
    public static boolean selects(JsonNode budget, JsonNode pod) {
        JsonNode selector = budget.path("spec").get("selector");
        return selector != null && !selector.isNull() && LabelSelectors.matches(selector, pod.path("metadata").path("labels"));
    }

    @Override
    public Result reconcile(String namespace, String name) {
        ObjectNode budget = budgets.get(namespace, name).orElse(null);
        if (budget == null || Objects.isDeleting(budget)) {
            return Result.DONE;
        }
        JsonNode spec = budget.path("spec");
        List<ObjectNode> selected = new ArrayList<>();
        for (ObjectNode pod : pods.list(namespace)) {
            if (selects(budget, pod)) {
                selected.add(pod);
            }
        }
        int expected = DisruptionBudgets.needsScale(spec) ? expectedFromControllers(namespace, selected) : selected.size();
        Instant now = clock.instant();
        Map<String, String> disrupted = new HashMap<>();
        Result result = Result.DONE;
        for (Map.Entry<String, String> entry : Objects.stringMap(budget.path("status").path("disruptedPods")).entrySet()) {
            Instant expires = Instant.parse(entry.getValue()).plus(DISRUPTED_POD_TIMEOUT);
            boolean stillThere = selected.stream().anyMatch(pod -> Objects.name(pod).equals(entry.getKey()) && !Objects.isDeleting(pod));
            if (stillThere && expires.isAfter(now)) {
                disrupted.put(entry.getKey(), entry.getValue());
                result = result.and(Result.after(Duration.between(now, expires)));
            }
        }
        int healthy = 0;
        for (ObjectNode pod : selected) {
            if (!Objects.isDeleting(pod) && DisruptionBudgets.isReady(pod) && !disrupted.containsKey(Objects.name(pod))) {
                healthy++;
            }
        }
        int desired = DisruptionBudgets.desiredHealthy(spec, expected);
        int allowed = Math.max(0, healthy - desired);
        writeStatus(budget, expected, healthy, desired, allowed, disrupted, now);
        return result;
    }

    /** The replicas of the controllers owning the pods (a Deployment's for its ReplicaSets' pods); a pod without one counts as one. */
    private int expectedFromControllers(String namespace, List<ObjectNode> selected) {
        Map<String, Integer> byController = new HashMap<>();
        int uncontrolled = 0;
        for (ObjectNode pod : selected) {
            JsonNode owner = controllerOf(pod);
            if (owner == null) {
                uncontrolled++;
                continue;
            }
            String uid = owner.path("uid").asText();
            if (!byController.containsKey(uid)) {
                byController.put(uid, replicasOf(namespace, owner));
            }
        }
        return uncontrolled + byController.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static JsonNode controllerOf(JsonNode object) {
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            if (reference.path("controller").asBoolean(false)) {
                return reference;
            }
        }
        return null;
    }

    private int replicasOf(String namespace, JsonNode owner) {
        String kind = owner.path("kind").asText();
        String plural = switch (kind) {
            case "ReplicaSet" -> "replicasets";
            case "StatefulSet" -> "statefulsets";
            case "Deployment" -> "deployments";
            case "ReplicationController" -> "replicationcontrollers";
            default -> null;
        };
        if (plural == null) {
            return 1;
        }
        String group = kind.equals("ReplicationController") ? "" : "apps";
        ObjectNode controller = registry.require(group, "v1", plural).find(namespace, owner.path("name").asText()).orElse(null);
        if (controller == null) {
            return 0;
        }
        JsonNode parent = controllerOf(controller);
        if (kind.equals("ReplicaSet") && parent != null && "Deployment".equals(parent.path("kind").asText())) {
            return replicasOf(namespace, parent);
        }
        return controller.path("spec").path("replicas").asInt(1);
    }

    private void writeStatus(ObjectNode budget, int expected, int healthy, int desired, int allowed, Map<String, String> disrupted,
                             Instant now) {
        ObjectNode status = Json.object();
        status.put("observedGeneration", budget.path("metadata").path("generation").asLong(1));
        ObjectNode disruptedPods = status.putObject("disruptedPods");
        disrupted.forEach(disruptedPods::put);
        status.put("disruptionsAllowed", allowed).put("currentHealthy", healthy).put("desiredHealthy", desired).put("expectedPods", expected);
        ObjectNode condition = status.putArray("conditions").addObject().put("type", "DisruptionAllowed")
                .put("status", allowed > 0 ? "True" : "False").put("reason", allowed > 0 ? "SufficientPods" : "InsufficientPods")
                .put("message", "").put("observedGeneration", status.get("observedGeneration").asLong());
        JsonNode old = budget.path("status");
        JsonNode oldCondition = old.path("conditions").path(0);
        condition.put("lastTransitionTime", oldCondition.path("status").asText().equals(condition.path("status").asText())
                ? oldCondition.path("lastTransitionTime").asText(Objects.timestamp(now)) : Objects.timestamp(now));
        if (disruptedPods.isEmpty()) {
            status.remove("disruptedPods");
        }
        StatusWrites.replace(budgetStore, budget, status);
    }
}
