package io.tinykube.server.controller.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;

/** A Job's pod as upstream's job controller makes it from {@code spec.template}. */
final class JobPods {
    /** Upstream keeps room for the random suffix and the index in generated names. */
    private static final int MAX_GENERATE_NAME = 58;

    private JobPods() {
    }

    /** The pod for completion index {@code index} (-1 for a NonIndexed Job). */
    static ObjectNode fromTemplate(ObjectNode job, int index) {
        ObjectNode template = (ObjectNode) job.path("spec").path("template");
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata");
        String prefix = Objects.name(job) + "-" + (index < 0 ? "" : index + "-");
        if (prefix.length() > MAX_GENERATE_NAME) {
            prefix = prefix.substring(0, MAX_GENERATE_NAME);
        }
        metadata.put("generateName", prefix).put("namespace", Objects.namespace(job));
        JsonNode templateMetadata = template.path("metadata");
        ObjectNode labels = templateMetadata.path("labels") instanceof ObjectNode l ? l.deepCopy() : Json.object();
        ObjectNode annotations = templateMetadata.path("annotations") instanceof ObjectNode a ? a.deepCopy() : Json.object();
        metadata.putArray("finalizers").add(JobController.TRACKING_FINALIZER);
        metadata.putArray("ownerReferences").add(Jobs.ownerReference(job));
        ObjectNode spec = template.path("spec").deepCopy();
        if (index >= 0) {
            annotations.put(JobController.COMPLETION_INDEX, String.valueOf(index));
            labels.put(JobController.COMPLETION_INDEX, String.valueOf(index));
            if (!spec.hasNonNull("hostname")) {
                spec.put("hostname", Objects.name(job) + "-" + index);
            }
            addIndexEnv(spec.path("initContainers"));
            addIndexEnv(spec.path("containers"));
        }
        if (!labels.isEmpty()) {
            metadata.set("labels", labels);
        }
        if (!annotations.isEmpty()) {
            metadata.set("annotations", annotations);
        }
        pod.set("spec", spec);
        return pod;
    }

    /** JOB_COMPLETION_INDEX from the index annotation, unless the container sets it itself. */
    private static void addIndexEnv(JsonNode containers) {
        for (JsonNode node : containers) {
            ObjectNode container = (ObjectNode) node;
            ArrayNode env = container.withArray("env");
            boolean present = false;
            for (JsonNode var : env) {
                present |= "JOB_COMPLETION_INDEX".equals(var.path("name").asText());
            }
            if (!present) {
                env.addObject().put("name", "JOB_COMPLETION_INDEX").putObject("valueFrom").putObject("fieldRef")
                        .put("apiVersion", "v1").put("fieldPath", "metadata.annotations['" + JobController.COMPLETION_INDEX + "']");
            }
        }
    }
}
