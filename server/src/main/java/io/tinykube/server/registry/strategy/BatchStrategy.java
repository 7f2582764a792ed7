package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.controller.batch.CronSchedule;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Jobs and CronJobs: generation tracking and upstream's defaults. A Job gets the generated selector
 * on its controller-uid label (as upstream, unless manualSelector); its pods may only restart Never or
 * OnFailure.
 */
public final class BatchStrategy implements Strategy {
    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    private final boolean cronJob;

    private BatchStrategy(boolean cronJob) {
        this.cronJob = cronJob;
    }

    public static BatchStrategy job() {
        return new BatchStrategy(false);
    }

    public static BatchStrategy cronJob() {
        return new BatchStrategy(true);
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void prepareForCreate(ObjectNode object) {
        ObjectNode spec = Json.with(object, "spec");
        if (cronJob) {
            PodSpecs.putIfAbsent(spec, "concurrencyPolicy", "Allow");
            if (!spec.has("suspend")) {
                spec.put("suspend", false);
            }
            PodSpecs.putIfAbsent(spec, "successfulJobsHistoryLimit", 3);
            PodSpecs.putIfAbsent(spec, "failedJobsHistoryLimit", 1);
            jobDefaults(Json.with(spec, "jobTemplate", "spec"));
            return;
        }
        jobDefaults(spec);
        if (!spec.path("manualSelector").asBoolean(false)) {
            String uid = Json.text(object, "metadata", "uid");
            String name = Objects.name(object);
            ObjectNode labels = Json.with(spec, "template", "metadata", "labels");
            labels.put(CONTROLLER_UID, uid).put(JOB_NAME, name).put("controller-uid", uid).put("job-name", name);
            Json.with(spec, "selector", "matchLabels").removeAll().put(CONTROLLER_UID, uid);
        }
    }

    @Override
    public void prepareForUpdate(ObjectNode object, ObjectNode old) {
        jobDefaults(cronJob ? Json.with(object, "spec", "jobTemplate", "spec") : Json.with(object, "spec"));
    }

    private static void jobDefaults(ObjectNode spec) {
        if (!spec.has("completions") && !spec.has("parallelism")) {
            spec.put("completions", 1);
        }
        PodSpecs.putIfAbsent(spec, "parallelism", 1);
        PodSpecs.putIfAbsent(spec, "backoffLimit", 6);
        PodSpecs.putIfAbsent(spec, "completionMode", "NonIndexed");
        if (!spec.has("suspend")) {
            spec.put("suspend", false);
        }
        PodSpecs.putIfAbsent(spec, "podReplacementPolicy", "TerminatingOrFailed");
        JsonNode template = spec.get("template");
        if (template instanceof ObjectNode t) {
            PodSpecs.applyDefaults(Json.with(t, "spec"));
        }
    }

    @Override
    public List<Cause> validate(ObjectNode object) {
        List<Cause> causes = validatePodTemplate(object);
        if (cronJob) {
            causes.addAll(CronSchedule.validate(Json.text(object, "spec", "schedule"), Json.text(object, "spec", "timeZone")));
        }
        return causes;
    }

    private List<Cause> validatePodTemplate(ObjectNode object) {
        String prefix = cronJob ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec";
        JsonNode podSpec = cronJob ? Json.at(object, "spec", "jobTemplate", "spec", "template", "spec") : Json.at(object, "spec", "template", "spec");
        List<Cause> causes = new ArrayList<>(PodSpecs.validate(podSpec, prefix));
        String restartPolicy = podSpec == null ? "" : podSpec.path("restartPolicy").asText("");
        if (!restartPolicy.equals("Never") && !restartPolicy.equals("OnFailure")) {
            causes.add(new Cause("FieldValueNotSupported", "Unsupported value: \"" + restartPolicy
                    + "\": supported values: \"OnFailure\", \"Never\"", prefix + ".restartPolicy"));
        }
        return causes;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode object, ObjectNode old) {
        if (!cronJob) {
            return validate(object);
        }
        List<Cause> causes = validatePodTemplate(object);
        causes.addAll(CronSchedule.validateUpdate(Json.text(object, "spec", "schedule"), Json.text(object, "spec", "timeZone"),
                Json.text(old, "spec", "schedule"), Json.text(old, "spec", "timeZone")));
        return causes;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldLabels() {
        return cronJob ? Map.of() : Map.of("status.successful", job -> Json.text(job, "status", "succeeded"));
    }
}
