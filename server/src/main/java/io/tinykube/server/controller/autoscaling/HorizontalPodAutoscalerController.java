package io.tinykube.server.controller.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.api.ScaleView;
import io.tinykube.server.controller.autoscaling.ReplicaCalculator.MetricsException;
import io.tinykube.server.controller.autoscaling.ReplicaCalculator.Proposal;
import io.tinykube.server.controller.autoscaling.ScalingBehavior.Normalized;
import io.tinykube.server.controller.autoscaling.ScalingBehavior.Rules;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.EventRecorder;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Informers;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceRegistry;
import io.tinykube.server.registry.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HorizontalPodAutoscalers (upstream pkg/controller/podautoscaler): every sync period, reads the target's
 * scale, keeps it within minReplicas..maxReplicas, computes the size the metrics ask for (resource metrics,
 * Utilization or AverageValue, from a {@link PodMetricsSource}), normalizes it with the scaling behavior and
 * writes spec.replicas of the target. Objects stored through autoscaling/v1 are read as v2 (their CPU target
 * is a cpu Utilization metric) and get a v1 status.
 */
public final class HorizontalPodAutoscalerController implements Controller, Reconciler {
    private final Duration syncPeriod;
    private final Duration downscaleStabilization;
    private final double tolerance;
    private final Duration cpuInitializationPeriod;
    private final Duration initialReadinessDelay;
    private final PodMetricsSource metrics;
    private ReplicaCalculator calculator;
    private ScalingBehavior behavior;
    private Informer autoscalers;
    private Informers informers;
    private ResourceRegistry registry;
    private EventRecorder events;
    private Clock clock;
    /** When each autoscaler last synced, and its spec then: changes sync at once, the rest once per period. */
    private final Map<String, Synced> synced = new ConcurrentHashMap<>();

    private record Synced(JsonNode spec, Instant at) {
    }

    public HorizontalPodAutoscalerController(Duration syncPeriod, Duration downscaleStabilization, double tolerance,
                                             Duration cpuInitializationPeriod, Duration initialReadinessDelay, PodMetricsSource metrics) {
        this.syncPeriod = syncPeriod;
        this.downscaleStabilization = downscaleStabilization;
        this.tolerance = tolerance;
        this.cpuInitializationPeriod = cpuInitializationPeriod;
        this.initialReadinessDelay = initialReadinessDelay;
        this.metrics = metrics;
    }

    @Override
    public void start(ControllerContext context) {
        clock = context.clock();
        calculator = new ReplicaCalculator(metrics, tolerance, cpuInitializationPeriod, initialReadinessDelay, clock);
        behavior = new ScalingBehavior(downscaleStabilization, clock);
        registry = context.registry();
        informers = context.informers();
        events = context.events("horizontal-pod-autoscaler");
        autoscalers = informers.get("autoscaling", "v2", "horizontalpodautoscalers");
        context.runner("horizontalpodautoscaler", this).watch(autoscalers, hpa -> true);
    }

    @Override
    public Result reconcile(String namespace, String name) {
        String key = Informer.key(namespace, name);
        ObjectNode stored = autoscalers.get(namespace, name).orElse(null);
        if (stored == null || Objects.isDeleting(stored)) {
            synced.remove(key);
            behavior.forget(key);
            return Result.DONE;
        }
        Instant now = clock.instant();
        Synced last = synced.get(key);
        if (last != null && Json.sameJson(last.spec(), stored.get("spec"))) {
            Duration elapsed = Duration.between(last.at(), now);
            if (elapsed.compareTo(syncPeriod) < 0) {
                return Result.after(syncPeriod.minus(elapsed)); // our own status write, or an early resync
            }
        }
        synced.put(key, new Synced(stored.get("spec"), now));
        new Sync(key, stored, now).run();
        return Result.after(syncPeriod);
    }

    /** One reconcileAutoscaler pass over one autoscaler. */
    private final class Sync {
        private final String key;
        private final ObjectNode stored;
        private final boolean v1;
        private final Instant now;
        private final ObjectNode spec;
        private final ArrayNode conditions;
        private boolean rescaled;

        Sync(String key, ObjectNode stored, Instant now) {
            this.key = key;
            this.stored = stored;
            this.v1 = "autoscaling/v1".equals(stored.path("apiVersion").asText());
            this.now = now;
            this.spec = v2Spec(stored, v1);
            JsonNode existing = v1 ? null : Json.at(stored, "status", "conditions");
            this.conditions = existing != null && existing.isArray() ? (ArrayNode) existing.deepCopy() : Json.array();
        }

        void run() {
            JsonNode ref = spec.path("scaleTargetRef");
            String reference = ref.path("kind").asText() + "/" + Objects.namespace(stored) + "/" + ref.path("name").asText();
            ObjectNode target;
            ResourceType type;
            try {
                type = scalable(ref.path("apiVersion").asText(), ref.path("kind").asText());
                target = informers.get(type.group(), type.version(), type.plural()).get(Objects.namespace(stored), ref.path("name").asText())
                        .orElseThrow(() -> new MetricsException(type.plural() + (type.group().isEmpty() ? "" : "." + type.group())
                                + " \"" + ref.path("name").asText() + "\" not found"));
            } catch (MetricsException e) {
                events.warning(stored, "FailedGetScale", e.getMessage());
                condition("AbleToScale", "False", "FailedGetScale", "the HPA controller was unable to get the target's current scale: " + e.getMessage());
                writeStatus(currentReplicas(), desiredReplicas(), currentMetrics());
                return;
            }
            ObjectNode scale = ScaleView.toScale(target);
            condition("AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale");
            int current = scale.path("spec").path("replicas").asInt();
            behavior.recordInitial(key, current);
            int min = spec.path("minReplicas").asInt(1);
            int max = spec.path("maxReplicas").asInt();
            int desired = 0;
            String reason = "";
            boolean rescale = true;
            ArrayNode statuses = null;
            Rules[] rules = behavior.rules(spec.get("behavior"));
            if (current == 0 && min != 0) {
                rescale = false;
                condition("ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero");
            } else if (current > max) {
                reason = "Current number of replicas above Spec.MaxReplicas";
                desired = max;
            } else if (current < min) {
                reason = "Current number of replicas below Spec.MinReplicas";
                desired = min;
            } else {
                statuses = Json.array();
                Metrics computed = computeReplicas(scale, current, statuses);
                if (computed.error() != null) {
                    writeStatus(current, desiredReplicas(), statuses);
                    events.warning(stored, "FailedComputeMetricsReplicas", computed.error());
                    return;
                }
                desired = Math.max(desired, computed.replicas());
                if (desired > current) {
                    reason = computed.metric() + " above target";
                } else if (desired < current) {
                    reason = "All metrics below target";
                }
                Normalized normalized = rules == null ? behavior.normalize(key, current, desired, min, max)
                        : behavior.normalize(key, rules, current, desired, min, max);
                condition("AbleToScale", "True", normalized.ableReason(), normalized.ableMessage());
                condition("ScalingLimited", normalized.limited() ? "True" : "False", normalized.limitedReason(), normalized.limitedMessage());
                desired = normalized.replicas();
                rescale = desired != current;
            }
            if (rescale) {
                int size = desired;
                try {
                    registry.require(type.group(), type.version(), type.plural()).update(Objects.namespace(target), Objects.name(target), object -> {
                        Json.with(object, "spec").put("replicas", size);
                        return object;
                    }, Part.MAIN, false);
                } catch (ApiException e) {
                    events.warning(stored, "FailedRescale", "New size: " + size + "; reason: " + reason + "; error: " + e.getMessage());
                    condition("AbleToScale", "False", "FailedUpdateScale", "the HPA controller was unable to update the target scale: " + e.getMessage());
                    writeStatus(current, desiredReplicas(), currentMetrics());
                    return;
                }
                condition("AbleToScale", "True", "SucceededRescale", "the HPA controller was able to update the target scale to " + size);
                events.normal(stored, "SuccessfulRescale", "New size: " + size + "; reason: " + reason);
                behavior.recordScale(key, rules, current, size);
                rescaled = true;
            } else {
                desired = current;
            }
            writeStatus(current, desired, statuses == null ? Json.array() : statuses);
        }

        private record Metrics(int replicas, String metric, String error) {
        }

        /** computeReplicasForMetrics: the largest proposal of the metrics, or the first error when none (or a scale down) is safe. */
        private Metrics computeReplicas(ObjectNode scale, int current, ArrayNode statuses) {
            String selectorText = Json.text(scale, "status", "selector");
            if (selectorText == null || selectorText.isEmpty()) {
                events.warning(stored, "SelectorRequired", "selector is required");
                condition("ScalingActive", "False", "InvalidSelector", "the HPA target's scale is missing a selector");
                return new Metrics(-1, "", "selector is required");
            }
            LabelSelector selector = LabelSelector.parse(selectorText);
            List<ObjectNode> pods = new ArrayList<>();
            for (ObjectNode pod : informers.pods().list(Objects.namespace(stored))) {
                if (selector.matches(pod)) {
                    pods.add(pod);
                }
            }
            int replicas = 0;
            String metric = "";
            int invalid = 0;
            String firstError = null;
            String[] firstCondition = null;
            JsonNode metrics = spec.path("metrics");
            for (JsonNode metricSpec : metrics) {
                ObjectNode status = statuses.addObject().put("type", "");
                String type = metricSpec.path("type").asText();
                try {
                    if (!type.equals("Resource")) {
                        throw new MetricsException("unable to get metric of type " + type + ": no custom or external metrics API is served");
                    }
                    String resource = metricSpec.path("resource").path("name").asText();
                    JsonNode target = metricSpec.path("resource").path("target");
                    Proposal proposal;
                    String name;
                    ObjectNode currentValue = Json.object();
                    if (target.hasNonNull("averageValue")) {
                        try {
                            proposal = calculator.averageValue(current, MilliQuantity.parse(target.get("averageValue").asText()), resource,
                                    Objects.namespace(stored), selector, pods);
                        } catch (MetricsException e) {
                            throw new MetricsException("failed to get " + resource + " usage: " + e.getMessage());
                        }
                        name = resource + " resource";
                    } else if (target.hasNonNull("averageUtilization")) {
                        try {
                            proposal = calculator.utilization(current, target.get("averageUtilization").asInt(), resource,
                                    Objects.namespace(stored), selector, pods);
                        } catch (MetricsException e) {
                            throw new MetricsException("failed to get " + resource + " utilization: " + e.getMessage());
                        }
                        currentValue.put("averageUtilization", proposal.utilization());
                        name = resource + " resource utilization (percentage of request)";
                    } else {
                        throw new MetricsException("invalid resource metric source: neither an average utilization target nor an average value (usage) target was set");
                    }
                    currentValue.put("averageValue", MilliQuantity.format(proposal.averageMilli()));
                    status.put("type", "Resource");
                    status.putObject("resource").put("name", resource).set("current", currentValue);
                    if (replicas == 0 || proposal.replicas() > replicas) {
                        replicas = proposal.replicas();
                        metric = name;
                    }
                } catch (MetricsException e) {
                    String conditionReason = "FailedGet" + (type.isEmpty() ? "Resource" : type) + "Metric";
                    events.warning(stored, conditionReason, e.getMessage());
                    if (invalid == 0) {
                        firstCondition = new String[] {conditionReason, "the HPA was unable to compute the replica count: " + e.getMessage()};
                        String resourceName = metricSpec.path("resource").path("name").asText();
                        firstError = type.equals("Resource") ? "failed to get " + resourceName + " resource metric value: " + e.getMessage()
                                : e.getMessage();
                    }
                    invalid++;
                }
            }
            if (invalid > 0 && (invalid >= metrics.size() || replicas < current)) {
                condition("ScalingActive", "False", firstCondition[0], firstCondition[1]);
                return new Metrics(-1, "", "invalid metrics (" + invalid + " invalid out of " + metrics.size() + "), first error is: " + firstError);
            }
            condition("ScalingActive", "True", "ValidMetricFound", "the HPA was able to successfully calculate a replica count from " + metric);
            return new Metrics(replicas, metric, null);
        }

        /** setConditionInList: the transition time moves only when the status does. */
        private void condition(String type, String status, String reason, String message) {
            ObjectNode existing = null;
            for (JsonNode condition : conditions) {
                if (type.equals(condition.path("type").asText())) {
                    existing = (ObjectNode) condition;
                }
            }
            if (existing == null) {
                existing = conditions.addObject().put("type", type);
            }
            if (!status.equals(existing.path("status").asText())) {
                existing.put("lastTransitionTime", Objects.timestamp(now));
            }
            existing.put("status", status).put("reason", reason).put("message", message);
        }

        private int currentReplicas() {
            return stored.path("status").path("currentReplicas").asInt(0);
        }

        private int desiredReplicas() {
            return stored.path("status").path("desiredReplicas").asInt(0);
        }

        private ArrayNode currentMetrics() {
            JsonNode metrics = Json.at(stored, "status", "currentMetrics");
            return metrics != null && metrics.isArray() ? (ArrayNode) metrics.deepCopy() : Json.array();
        }

        /** setStatus + updateStatusIfNeeded, in the stored object's own version. */
        private void writeStatus(int current, int desired, ArrayNode metrics) {
            ObjectNode status = Json.object();
            JsonNode previousScale = Json.at(stored, "status", "lastScaleTime");
            if (rescaled) {
                status.put("lastScaleTime", Objects.timestamp(now));
            } else if (previousScale != null) {
                status.set("lastScaleTime", previousScale);
            }
            if (v1) {
                status.put("currentReplicas", current).put("desiredReplicas", desired);
                for (JsonNode metric : metrics) {
                    JsonNode utilization = Json.at(metric, "resource", "current", "averageUtilization");
                    if ("cpu".equals(Json.text(metric, "resource", "name")) && utilization != null) {
                        status.put("currentCPUUtilizationPercentage", utilization.asInt());
                    }
                }
            } else {
                if (current > 0) {
                    status.put("currentReplicas", current);
                }
                status.put("desiredReplicas", desired);
                if (!metrics.isEmpty()) {
                    status.set("currentMetrics", metrics);
                }
                if (!conditions.isEmpty()) {
                    status.set("conditions", conditions);
                }
            }
            if (Json.sameJson(status, stored.get("status"))) {
                return;
            }
            try {
                registry.require("autoscaling", v1 ? "v1" : "v2", "horizontalpodautoscalers").update(Objects.namespace(stored), Objects.name(stored),
                        object -> {
                            object.set("status", status);
                            return object;
                        }, Part.STATUS, false);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    /** The spec as autoscaling/v2 has it, with the API's defaults: a v1 CPU target becomes a cpu Utilization metric. */
    static ObjectNode v2Spec(ObjectNode hpa, boolean v1) {
        JsonNode stored = hpa.get("spec");
        ObjectNode spec = stored != null && stored.isObject() ? ((ObjectNode) stored).deepCopy() : Json.object();
        if (v1 || !spec.has("metrics") || spec.get("metrics").isEmpty()) {
            int cpu = spec.path("targetCPUUtilizationPercentage").asInt(80);
            spec.remove("targetCPUUtilizationPercentage");
            ObjectNode metric = spec.putArray("metrics").addObject().put("type", "Resource");
            metric.putObject("resource").put("name", "cpu").putObject("target").put("type", "Utilization").put("averageUtilization", cpu);
        }
        return spec;
    }

    /** The scalable resource of a scaleTargetRef, found by group and kind as upstream's REST mapper does. */
    private static ResourceType scalable(String apiVersion, String kind) throws MetricsException {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        ResourceType found = null;
        for (ResourceType type : BuiltinResources.all()) {
            if (type.group().equals(group) && type.kind().equals(kind)) {
                found = type;
                if (type.subresource("scale") != null) {
                    return type;
                }
            }
        }
        if (found == null) {
            throw new MetricsException("no matches for kind \"" + kind + "\" in group \"" + group + "\"");
        }
        throw new MetricsException(found.plural() + " has no scale subresource");
    }
}
