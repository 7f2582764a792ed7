package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.Strategy;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DaemonSets: the workload rules, plus upstream's template generation — 1 on create, one more whenever the
 * template changes — kept in the {@code deprecated.daemonset.template.generation} annotation as apps/v1 shows it.
 * The controller labels pods with it ({@code pod-template-generation}).
 */
final class DaemonSetStrategy implements Strategy {
    static final String TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

    private final WorkloadStrategy workload = WorkloadStrategy.daemonSet();

    @Override
    public void prepareForCreate(ObjectNode daemonSet) {
        workload.prepareForCreate(daemonSet);
        Json.with(Objects.metadata(daemonSet), "annotations").put(TEMPLATE_GENERATION, "1");
    }

    @Override
    public void prepareForUpdate(ObjectNode daemonSet, ObjectNode old) {
        workload.prepareForUpdate(daemonSet, old);
        long generation = templateGeneration(old);
        if (!Json.sameJson(Json.at(daemonSet, "spec", "template"), Json.at(old, "spec", "template"))) {
            generation++;
        }
        Json.with(Objects.metadata(daemonSet), "annotations").put(TEMPLATE_GENERATION, Long.toString(generation));
    }

    private static long templateGeneration(JsonNode daemonSet) {
        String value = Json.text(daemonSet, "metadata", "annotations", TEMPLATE_GENERATION);
        try {
            return value == null ? 1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public boolean tracksGeneration() {
        return workload.tracksGeneration();
    }

    @Override
    public List<Cause> validate(ObjectNode daemonSet) {
        return workload.validate(daemonSet);
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode daemonSet, ObjectNode old) {
        return workload.validateUpdate(daemonSet, old);
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldLabels() {
        return workload.fieldLabels();
    }
}
