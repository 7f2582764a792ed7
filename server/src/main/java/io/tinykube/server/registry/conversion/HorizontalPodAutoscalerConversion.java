package io.tinykube.server.registry.conversion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Conversion;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * autoscaling/v1 ⇄ autoscaling/v2 HorizontalPodAutoscaler, stored as v2 (upstream's
 * {@code pkg/apis/autoscaling/v1/conversion.go}). v1 has one metric, {@code targetCPUUtilizationPercentage};
 * what it cannot express travels in annotations, in v1's JSON shapes, and returns to fields in v2:
 * other metrics, the current metrics, the conditions, and the behavior (marshalled, as upstream does, from
 * the internal Go type: field names capitalised, nil as {@code null}).
 */
final class HorizontalPodAutoscalerConversion implements Conversion {
    static final String V1 = "autoscaling/v1";
    static final String V2 = "autoscaling/v2";
    static final String METRICS = "autoscaling.alpha.kubernetes.io/metrics";
    static final String CURRENT_METRICS = "autoscaling.alpha.kubernetes.io/current-metrics";
    static final String CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
    static final String BEHAVIOR = "autoscaling.alpha.kubernetes.io/behavior";
    /** {@code autoscaling.DefaultCPUUtilization}: v1's target when none is set. */
    static final int DEFAULT_CPU_UTILIZATION = 80;
    private static final List<String> ROUND_TRIP_ANNOTATIONS = List.of(METRICS, CURRENT_METRICS, CONDITIONS, BEHAVIOR);
    private static final String KIND = "HorizontalPodAutoscaler";
    /** A condition's fields in the order Go marshals them. */
    private static final List<String> CONDITION_FIELDS = List.of("type", "status", "lastTransitionTime", "reason", "message");

    @Override
    public String storageApiVersion() {
        return V2;
    }

    // ---- v1 → v2

    @Override
    public ObjectNode toStorage(ObjectNode v1, String fromApiVersion) {
        requireV1(fromApiVersion);
        ObjectNode v2 = header(KIND, V2);
        ObjectNode metadata = metadataWithout(v1);
        Map<String, JsonNode> annotations = annotations(v1);
        if (metadata != null) {
            v2.set("metadata", metadata);
        }
        JsonNode inSpec = v1.path("spec");
        ObjectNode spec = v2.putObject("spec");
        copy(inSpec, "scaleTargetRef", spec, "scaleTargetRef");
        copy(inSpec, "minReplicas", spec, "minReplicas");
        copy(inSpec, "maxReplicas", spec, "maxReplicas");
        ArrayNode metrics = spec.putArray("metrics");
        JsonNode others = parsed(annotations.get(METRICS));
        if (others != null && others.isArray()) {
            others.forEach(metric -> metrics.add(metricSpecToV2(metric)));
        }
        // v1's CPU target follows the other metrics, as upstream appends it
        if (inSpec.hasNonNull("targetCPUUtilizationPercentage")) {
            metrics.add(cpuUtilizationTarget(inSpec.get("targetCPUUtilizationPercentage").asInt()));
        }
        if (metrics.isEmpty()) {
            metrics.add(cpuUtilizationTarget(DEFAULT_CPU_UTILIZATION));
        }
        ObjectNode behavior = behaviorToV2(parsed(annotations.get(BEHAVIOR)));
        if (behavior != null) {
            spec.set("behavior", behavior);
        }
        if (v1.has("status")) {
            v2.set("status", statusToV2(v1.get("status"), annotations));
        }
        return v2;
    }

    private static ObjectNode statusToV2(JsonNode in, Map<String, JsonNode> annotations) {
        ObjectNode status = Json.object();
        copy(in, "observedGeneration", status, "observedGeneration");
        copy(in, "lastScaleTime", status, "lastScaleTime");
        copy(in, "currentReplicas", status, "currentReplicas");
        copy(in, "desiredReplicas", status, "desiredReplicas");
        JsonNode current = parsed(annotations.get(CURRENT_METRICS));
        if (current != null && current.isArray()) {
            // the annotation has more than currentCPUUtilizationPercentage: it wins
            ArrayNode metrics = status.putArray("currentMetrics");
            current.forEach(metric -> metrics.add(metricStatusToV2(metric)));
        } else if (in.hasNonNull("currentCPUUtilizationPercentage")) {
            ObjectNode metric = status.putArray("currentMetrics").addObject().put("type", "Resource");
            metric.putObject("resource").put("name", "cpu").putObject("current")
                    .put("averageUtilization", in.get("currentCPUUtilizationPercentage").asInt());
        }
        JsonNode conditions = parsed(annotations.get(CONDITIONS));
        if (conditions != null && conditions.isArray()) {
            status.set("conditions", conditions);
        }
        return status;
    }

    private static ObjectNode cpuUtilizationTarget(int percent) {
        ObjectNode metric = Json.object().put("type", "Resource");
        metric.putObject("resource").put("name", "cpu").putObject("target").put("type", "Utilization").put("averageUtilization", percent);
        return metric;
    }

    private static ObjectNode metricSpecToV2(JsonNode in) {
        String type = in.path("type").asText();
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "Object" -> {
                JsonNode source = in.path("object");
                ObjectNode object = out.putObject("object");
                copy(source, "target", object, "describedObject");
                ObjectNode target = object.putObject("target").put("type", source.hasNonNull("averageValue") ? "AverageValue" : "Value");
                copy(source, "targetValue", target, "value");
                copy(source, "averageValue", target, "averageValue");
                metric(object, source, "metricName", "selector");
            }
            case "Pods" -> {
                JsonNode source = in.path("pods");
                ObjectNode pods = out.putObject("pods");
                metric(pods, source, "metricName", "selector");
                copy(source, "targetAverageValue", pods.putObject("target").put("type", "AverageValue"), "averageValue");
            }
            case "Resource", "ContainerResource" -> {
                String field = type.equals("Resource") ? "resource" : "containerResource";
                JsonNode source = in.path(field);
                ObjectNode resource = out.putObject(field);
                copy(source, "name", resource, "name");
                ObjectNode target = resource.putObject("target")
                        .put("type", source.hasNonNull("targetAverageUtilization") ? "Utilization" : "AverageValue");
                copy(source, "targetAverageValue", target, "averageValue");
                copy(source, "targetAverageUtilization", target, "averageUtilization");
                copy(source, "container", resource, "container");
            }
            case "External" -> {
                JsonNode source = in.path("external");
                ObjectNode external = out.putObject("external");
                metric(external, source, "metricName", "metricSelector");
                ObjectNode target = external.putObject("target").put("type", source.hasNonNull("targetValue") ? "Value" : "AverageValue");
                copy(source, "targetValue", target, "value");
                copy(source, "targetAverageValue", target, "averageValue");
            }
            default -> {
            }
        }
        return out;
    }

    private static ObjectNode metricStatusToV2(JsonNode in) {
        String type = in.path("type").asText();
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "Object" -> {
                JsonNode source = in.path("object");
                ObjectNode object = out.putObject("object");
                metric(object, source, "metricName", "selector");
                ObjectNode current = object.putObject("current");
                copy(source, "currentValue", current, "value");
                copy(source, "averageValue", current, "averageValue");
                copy(source, "target", object, "describedObject");
            }
            case "Pods" -> {
                JsonNode source = in.path("pods");
                ObjectNode pods = out.putObject("pods");
                metric(pods, source, "metricName", "selector");
                copy(source, "currentAverageValue", pods.putObject("current"), "averageValue");
            }
            case "Resource", "ContainerResource" -> {
                String field = type.equals("Resource") ? "resource" : "containerResource";
                JsonNode source = in.path(field);
                ObjectNode resource = out.putObject(field);
                copy(source, "name", resource, "name");
                ObjectNode current = resource.putObject("current");
                copy(source, "currentAverageValue", current, "averageValue");
                copy(source, "currentAverageUtilization", current, "averageUtilization");
                copy(source, "container", resource, "container");
            }
            case "External" -> {
                JsonNode source = in.path("external");
                ObjectNode external = out.putObject("external");
                metric(external, source, "metricName", "metricSelector");
                ObjectNode current = external.putObject("current");
                copy(source, "currentValue", current, "value");
                copy(source, "currentAverageValue", current, "averageValue");
            }
            default -> {
            }
        }
        return out;
    }

    /** v2's MetricIdentifier from v1's metric name and selector fields. */
    private static void metric(ObjectNode out, JsonNode source, String nameField, String selectorField) {
        ObjectNode metric = out.putObject("metric");
        copy(source, nameField, metric, "name");
        copy(source, selectorField, metric, "selector");
    }

    /** The internal Go type's JSON, read as Go reads it (field names in any case); null when absent or empty. */
    private static ObjectNode behaviorToV2(JsonNode in) {
        if (in == null || !in.isObject()) {
            return null;
        }
        ObjectNode behavior = Json.object();
        rulesToV2(field(in, "ScaleUp"), behavior, "scaleUp");
        rulesToV2(field(in, "ScaleDown"), behavior, "scaleDown");
        return behavior.isEmpty() ? null : behavior;
    }

    private static void rulesToV2(JsonNode in, ObjectNode behavior, String field) {
        if (in == null || !in.isObject()) {
            return;
        }
        ObjectNode rules = behavior.putObject(field);
        copy(field(in, "StabilizationWindowSeconds"), rules, "stabilizationWindowSeconds");
        copy(field(in, "SelectPolicy"), rules, "selectPolicy");
        JsonNode policies = field(in, "Policies");
        if (policies != null && policies.isArray()) {
            ArrayNode out = rules.putArray("policies");
            for (JsonNode policy : policies) {
                ObjectNode p = out.addObject();
                copy(field(policy, "Type"), p, "type");
                copy(field(policy, "Value"), p, "value");
                copy(field(policy, "PeriodSeconds"), p, "periodSeconds");
            }
        }
        copy(field(in, "Tolerance"), rules, "tolerance");
    }

    // ---- v2 → v1

    @Override
    public ObjectNode fromStorage(ObjectNode v2, String toApiVersion) {
        requireV1(toApiVersion);
        ObjectNode v1 = header(KIND, V1);
        ObjectNode metadata = metadataWithout(v2);
        v1.set("metadata", metadata == null ? Json.object() : metadata);
        JsonNode inSpec = v2.path("spec");
        ObjectNode spec = v1.putObject("spec");
        copy(inSpec, "scaleTargetRef", spec, "scaleTargetRef");
        copy(inSpec, "minReplicas", spec, "minReplicas");
        copy(inSpec, "maxReplicas", spec, "maxReplicas");
        for (JsonNode metric : inSpec.path("metrics")) {
            if (isCpu(metric)) {
                copy(metric.path("resource").path("target"), "averageUtilization", spec, "targetCPUUtilizationPercentage");
                break;
            }
        }
        ArrayNode others = Json.array();
        for (JsonNode metric : inSpec.path("metrics")) {
            if (!(isCpu(metric) && metric.path("resource").path("target").hasNonNull("averageUtilization"))) {
                others.add(metricSpecToV1(metric));
            }
        }
        JsonNode inStatus = v2.path("status");
        if (v2.has("status")) {
            v1.set("status", statusToV1(inStatus));
        }
        ArrayNode current = Json.array();
        inStatus.path("currentMetrics").forEach(metric -> current.add(metricStatusToV1(metric)));
        if (!others.isEmpty()) {
            annotate(metadata(v1), METRICS, others);
        }
        if (!current.isEmpty()) {
            annotate(metadata(v1), CURRENT_METRICS, current);
        }
        if (inSpec.path("behavior").isObject()) {
            annotate(metadata(v1), BEHAVIOR, behaviorToV1(inSpec.get("behavior")));
        }
        if (!inStatus.path("conditions").isEmpty()) {
            ArrayNode conditions = Json.array();
            for (JsonNode condition : inStatus.get("conditions")) {
                ObjectNode c = conditions.addObject();
                for (String field : CONDITION_FIELDS) {
                    copy(condition, field, c, field);
                }
            }
            annotate(metadata(v1), CONDITIONS, conditions);
        }
        return v1;
    }

    private static ObjectNode statusToV1(JsonNode in) {
        ObjectNode status = Json.object();
        copy(in, "observedGeneration", status, "observedGeneration");
        copy(in, "lastScaleTime", status, "lastScaleTime");
        // v1's replica counts are not optional: 0 when unset
        status.put("currentReplicas", in.path("currentReplicas").asInt(0));
        status.put("desiredReplicas", in.path("desiredReplicas").asInt(0));
        for (JsonNode metric : in.path("currentMetrics")) {
            if (isCpu(metric)) {
                copy(metric.path("resource").path("current"), "averageUtilization", status, "currentCPUUtilizationPercentage");
            }
        }
        return status;
    }

    private static boolean isCpu(JsonNode metric) {
        return "Resource".equals(metric.path("type").asText()) && "cpu".equals(metric.path("resource").path("name").asText());
    }

    private static ObjectNode metricSpecToV1(JsonNode in) {
        String type = in.path("type").asText();
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "Object" -> {
                JsonNode source = in.path("object");
                ObjectNode object = out.putObject("object");
                copy(source, "describedObject", object, "target");
                copy(source.path("metric"), "name", object, "metricName");
                copy(source.path("target"), "value", object, "targetValue");
                copy(source.path("metric"), "selector", object, "selector");
                copy(source.path("target"), "averageValue", object, "averageValue");
            }
            case "Pods" -> {
                JsonNode source = in.path("pods");
                ObjectNode pods = out.putObject("pods");
                copy(source.path("metric"), "name", pods, "metricName");
                copy(source.path("target"), "averageValue", pods, "targetAverageValue");
                copy(source.path("metric"), "selector", pods, "selector");
            }
            case "Resource", "ContainerResource" -> {
                String field = type.equals("Resource") ? "resource" : "containerResource";
                JsonNode source = in.path(field);
                ObjectNode resource = out.putObject(field);
                copy(source, "name", resource, "name");
                copy(source.path("target"), "averageUtilization", resource, "targetAverageUtilization");
                copy(source.path("target"), "averageValue", resource, "targetAverageValue");
                copy(source, "container", resource, "container");
            }
            case "External" -> {
                JsonNode source = in.path("external");
                ObjectNode external = out.putObject("external");
                copy(source.path("metric"), "name", external, "metricName");
                copy(source.path("metric"), "selector", external, "metricSelector");
                copy(source.path("target"), "value", external, "targetValue");
                copy(source.path("target"), "averageValue", external, "targetAverageValue");
            }
            default -> {
            }
        }
        return out;
    }

    private static ObjectNode metricStatusToV1(JsonNode in) {
        String type = in.path("type").asText();
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "Object" -> {
                JsonNode source = in.path("object");
                ObjectNode object = out.putObject("object");
                copy(source, "describedObject", object, "target");
                copy(source.path("metric"), "name", object, "metricName");
                copy(source.path("current"), "value", object, "currentValue");
                copy(source.path("metric"), "selector", object, "selector");
                copy(source.path("current"), "averageValue", object, "averageValue");
            }
            case "Pods" -> {
                JsonNode source = in.path("pods");
                ObjectNode pods = out.putObject("pods");
                copy(source.path("metric"), "name", pods, "metricName");
                copy(source.path("current"), "averageValue", pods, "currentAverageValue");
                copy(source.path("metric"), "selector", pods, "selector");
            }
            case "Resource", "ContainerResource" -> {
                String field = type.equals("Resource") ? "resource" : "containerResource";
                JsonNode source = in.path(field);
                ObjectNode resource = out.putObject(field);
                copy(source, "name", resource, "name");
                copy(source.path("current"), "averageUtilization", resource, "currentAverageUtilization");
                copy(source.path("current"), "averageValue", resource, "currentAverageValue");
                copy(source, "container", resource, "container");
            }
            case "External" -> {
                JsonNode source = in.path("external");
                ObjectNode external = out.putObject("external");
                copy(source.path("metric"), "name", external, "metricName");
                copy(source.path("metric"), "selector", external, "metricSelector");
                copy(source.path("current"), "value", external, "currentValue");
                copy(source.path("current"), "averageValue", external, "currentAverageValue");
            }
            default -> {
            }
        }
        return out;
    }

    private static ObjectNode behaviorToV1(JsonNode in) {
        ObjectNode behavior = Json.object();
        behavior.set("ScaleUp", rulesToV1(in.get("scaleUp")));
        behavior.set("ScaleDown", rulesToV1(in.get("scaleDown")));
        return behavior;
    }

    private static JsonNode rulesToV1(JsonNode in) {
        if (in == null || !in.isObject()) {
            return Json.MAPPER.nullNode();
        }
        ObjectNode rules = Json.object();
        rules.set("StabilizationWindowSeconds", orNull(in.get("stabilizationWindowSeconds")));
        rules.set("SelectPolicy", orNull(in.get("selectPolicy")));
        if (in.path("policies").isArray()) {
            ArrayNode policies = rules.putArray("Policies");
            for (JsonNode policy : in.get("policies")) {
                policies.addObject().put("Type", policy.path("type").asText()).put("Value", policy.path("value").asInt())
                        .put("PeriodSeconds", policy.path("periodSeconds").asInt());
            }
        } else {
            rules.putNull("Policies");
        }
        rules.set("Tolerance", orNull(in.get("tolerance")));
        return rules;
    }

    // ---- shared

    private static void requireV1(String apiVersion) {
        if (!apiVersion.equals(V1)) {
            throw new IllegalArgumentException("no conversion of HorizontalPodAutoscaler between " + V2 + " and " + apiVersion);
        }
    }

    private static ObjectNode header(String kind, String apiVersion) {
        return Json.object().put("apiVersion", apiVersion).put("kind", kind);
    }

    /** A copy of the metadata without the round-trip annotations (only conversion may set them); null when there is none. */
    private static ObjectNode metadataWithout(ObjectNode object) {
        if (!object.path("metadata").isObject()) {
            return null;
        }
        ObjectNode metadata = object.get("metadata").deepCopy();
        if (metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(ROUND_TRIP_ANNOTATIONS);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        return metadata;
    }

    private static Map<String, JsonNode> annotations(ObjectNode object) {
        Map<String, JsonNode> found = new HashMap<>();
        JsonNode annotations = object.path("metadata").path("annotations");
        for (String key : ROUND_TRIP_ANNOTATIONS) {
            if (annotations.hasNonNull(key)) {
                found.put(key, annotations.get(key));
            }
        }
        return found;
    }

    private static ObjectNode metadata(ObjectNode object) {
        return (ObjectNode) object.get("metadata");
    }

    private static void annotate(ObjectNode metadata, String key, JsonNode value) {
        Json.with(metadata, "annotations").put(key, new String(Json.bytes(value), StandardCharsets.UTF_8));
    }

    /** An annotation's JSON; null when it is missing or malformed (upstream moves only well-formed data to fields). */
    private static JsonNode parsed(JsonNode annotation) {
        if (annotation == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(annotation.asText());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A field matched without regard to case, as Go's encoding/json matches struct fields. */
    private static JsonNode field(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue().isNull() ? null : entry.getValue();
            }
        }
        return null;
    }

    private static JsonNode orNull(JsonNode value) {
        return value == null ? Json.MAPPER.nullNode() : value;
    }

    private static void copy(JsonNode from, String fromField, ObjectNode to, String toField) {
        copy(from.get(fromField), to, toField);
    }

    private static void copy(JsonNode value, ObjectNode to, String toField) {
        if (value != null && !value.isNull()) {
            to.set(toField, value);
        }
    }
}
