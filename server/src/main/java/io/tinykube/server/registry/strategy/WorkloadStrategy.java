package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.LabelSelectors;
import io.tinykube.server.registry.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Controllers of pods with a template and a selector (Deployment, ReplicaSet, StatefulSet, DaemonSet,
 * ReplicationController): generation tracking, per-kind spec defaults, template defaults, a required
 * selector that matches the template's labels and never changes.
 */
public final class WorkloadStrategy implements Strategy {
    private final Consumer<ObjectNode> specDefaults;
    private final boolean mapSelector;

    /** {@code mapSelector}: a ReplicationController's selector is a plain map, not a LabelSelector. */
    public WorkloadStrategy(Consumer<ObjectNode> specDefaults, boolean mapSelector) {
        this.specDefaults = specDefaults;
        this.mapSelector = mapSelector;
    }

    public static WorkloadStrategy deployment() {
        return new WorkloadStrategy(spec -> {
            PodSpecs.putIfAbsent(spec, "replicas", 1);
            PodSpecs.putIfAbsent(spec, "revisionHistoryLimit", 10);
            PodSpecs.putIfAbsent(spec, "progressDeadlineSeconds", 600);
            ObjectNode strategy = Json.with(spec, "strategy");
            PodSpecs.putIfAbsent(strategy, "type", "RollingUpdate");
            if (strategy.get("type").asText().equals("RollingUpdate")) {
                ObjectNode rolling = Json.with(strategy, "rollingUpdate");
                PodSpecs.putIfAbsent(rolling, "maxUnavailable", "25%");
                PodSpecs.putIfAbsent(rolling, "maxSurge", "25%");
            }
        }, false);
    }

    public static WorkloadStrategy replicaSet() {
        return new WorkloadStrategy(spec -> PodSpecs.putIfAbsent(spec, "replicas", 1), false);
    }

    public static WorkloadStrategy replicationController() {
        return new WorkloadStrategy(spec -> PodSpecs.putIfAbsent(spec, "replicas", 1), true);
    }

    public static WorkloadStrategy statefulSet() {
        return new WorkloadStrategy(spec -> {
            PodSpecs.putIfAbsent(spec, "replicas", 1);
            PodSpecs.putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
            PodSpecs.putIfAbsent(spec, "revisionHistoryLimit", 10);
            ObjectNode update = Json.with(spec, "updateStrategy");
            PodSpecs.putIfAbsent(update, "type", "RollingUpdate");
            if (update.get("type").asText().equals("RollingUpdate")) {
                PodSpecs.putIfAbsent(Json.with(update, "rollingUpdate"), "partition", 0);
            }
            ObjectNode retention = Json.with(spec, "persistentVolumeClaimRetentionPolicy");
            PodSpecs.putIfAbsent(retention, "whenDeleted", "Retain");
            PodSpecs.putIfAbsent(retention, "whenScaled", "Retain");
        }, false);
    }

    public static WorkloadStrategy daemonSet() {
        return new WorkloadStrategy(spec -> {
            PodSpecs.putIfAbsent(spec, "revisionHistoryLimit", 10);
            ObjectNode update = Json.with(spec, "updateStrategy");
            PodSpecs.putIfAbsent(update, "type", "RollingUpdate");
            if (update.get("type").asText().equals("RollingUpdate")) {
                ObjectNode rolling = Json.with(update, "rollingUpdate");
                PodSpecs.putIfAbsent(rolling, "maxUnavailable", 1);
                PodSpecs.putIfAbsent(rolling, "maxSurge", 0);
            }
        }, false);
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void prepareForCreate(ObjectNode workload) {
        applyDefaults(workload);
    }

    @Override
    public void prepareForUpdate(ObjectNode workload, ObjectNode old) {
        applyDefaults(workload);
    }

    private void applyDefaults(ObjectNode workload) {
        ObjectNode spec = Json.with(workload, "spec");
        specDefaults.accept(spec);
        JsonNode template = spec.get("template");
        if (template != null && template.isObject()) {
            if (mapSelector && !spec.has("selector") && template.path("metadata").has("labels")) {
                spec.set("selector", template.path("metadata").get("labels").deepCopy());
            }
            PodSpecs.applyDefaults(Json.with((ObjectNode) template, "spec"));
        }
    }

    @Override
    public List<Cause> validate(ObjectNode workload) {
        List<Cause> causes = new ArrayList<>();
        JsonNode spec = workload.get("spec");
        JsonNode selector = spec == null ? null : spec.get("selector");
        JsonNode templateLabels = Json.at(workload, "spec", "template", "metadata", "labels");
        if (selector == null || selector.isEmpty()) {
            causes.add(PodSpecs.required("spec.selector", null));
        } else if (!(mapSelector ? LabelSelectors.mapMatches(selector, templateLabels) : LabelSelectors.matches(selector, templateLabels))) {
            causes.add(PodSpecs.invalid("spec.template.metadata.labels", String.valueOf(templateLabels),
                    "`selector` does not match template `labels`"));
        }
        JsonNode replicas = spec == null ? null : spec.get("replicas");
        if (replicas != null && replicas.asInt(0) < 0) {
            causes.add(PodSpecs.invalid("spec.replicas", replicas.toString(), "must be greater than or equal to 0"));
        }
        JsonNode rolling = Json.at(workload, "spec", "strategy", "rollingUpdate");
        if (rolling != null && isZero(rolling.get("maxSurge")) && isZero(rolling.get("maxUnavailable"))) {
            causes.add(PodSpecs.invalid("spec.strategy.rollingUpdate.maxUnavailable", rolling.get("maxUnavailable").toString(),
                    "may not be 0 when `maxSurge` is 0"));
        }
        causes.addAll(PodSpecs.validate(Json.at(workload, "spec", "template", "spec"), "spec.template.spec"));
        return causes;
    }

    /** A Deployment's maxSurge or maxUnavailable that allows no pod: 0 or "0%". */
    private static boolean isZero(JsonNode intOrPercent) {
        return intOrPercent != null && (intOrPercent.isNumber() ? intOrPercent.asInt() == 0 : intOrPercent.asText().equals("0%"));
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode workload, ObjectNode old) {
        List<Cause> causes = new ArrayList<>(validate(workload));
        if (!mapSelector) {
            causes.addAll(Immutability.unchanged(workload, old, "spec.selector", "spec", "selector"));
        }
        return causes;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldLabels() {
        return Map.of("status.replicas", object -> Json.text(object, "status", "replicas"));
    }
}
