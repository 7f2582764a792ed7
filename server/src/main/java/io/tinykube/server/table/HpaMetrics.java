package io.tinykube.server.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The TARGETS cell of a HorizontalPodAutoscaler: upstream's {@code formatHPAMetrics}. */
final class HpaMetrics {
    private static final int MAX = 2;
    /** {@code autoscaling.DefaultCPUUtilization}, the target of an autoscaler created without metrics. */
    private static final int DEFAULT_CPU_UTILIZATION = 80;

    private HpaMetrics() {
    }

    static String format(Obj hpa) {
        List<Obj> specs = specs(hpa);
        List<Obj> statuses = statuses(hpa);
        if (specs.isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < specs.size(); i++) {
            Obj spec = specs.get(i);
            Obj status = i < statuses.size() ? statuses.get(i) : new Obj(null);
            switch (spec.str("type")) {
                case "External" -> list.add(valueOrAverage(spec.get("external", "target"), status, "external"));
                case "Object" -> list.add(valueOrAverage(spec.get("object", "target"), status, "object"));
                case "Pods" -> {
                    String current = status.has("pods") ? quantity(status, "pods", "current", "averageValue") : "<unknown>";
                    list.add(current + "/" + quantity(spec, "pods", "target", "averageValue"));
                }
                case "Resource" -> list.add(resource(spec, status, "resource"));
                case "ContainerResource" -> list.add(resource(spec, status, "containerResource"));
                default -> list.add("<unknown type>");
            }
            count++;
        }
        boolean more = false;
        if (count > MAX) {
            list = list.subList(0, MAX);
            more = true;
        }
        String text = String.join(", ", list);
        return more ? text + " + " + (count - MAX) + " more..." : text;
    }

    /** External and Object metrics: {@code current/target (avg)} for an average value target, else {@code current/target}. */
    private static String valueOrAverage(Obj target, Obj status, String field) {
        if (target.has("averageValue")) {
            String current = "<unknown>";
            if (status.has(field) && status.has(field, "current", "averageValue")) {
                current = quantity(status, field, "current", "averageValue");
            }
            return current + "/" + quantity(target, "averageValue") + " (avg)";
        }
        String current = status.has(field) ? quantity(status, field, "current", "value") : "<unknown>";
        return current + "/" + quantity(target, "value");
    }

    /** Resource and ContainerResource metrics: {@code cpu: 10%/80%} or {@code memory: 100Mi/1Gi}. */
    private static String resource(Obj spec, Obj status, String field) {
        String name = spec.str(field, "name");
        if (spec.has(field, "target", "averageValue")) {
            String current = status.has(field) ? quantity(status, field, "current", "averageValue") : "<unknown>";
            return name + ": " + current + "/" + quantity(spec, field, "target", "averageValue");
        }
        String current = "<unknown>";
        if (status.has(field) && status.has(field, "current", "averageUtilization")) {
            current = status.i64(field, "current", "averageUtilization") + "%";
        }
        String target = "<auto>";
        if (spec.has(field, "target", "averageUtilization")) {
            target = spec.i64(field, "target", "averageUtilization") + "%";
        }
        return name + ": " + current + "/" + target;
    }

    /** {@code (*resource.Quantity).String()}: canonical text, {@code <nil>} for a nil pointer. */
    private static String quantity(Obj o, String... path) {
        return o.has(path) ? Quantity.canonical(o.str(path)) : "<nil>";
    }

    /** The metric specs, converting autoscaling/v1's CPU target and defaulting an empty list as the server does. */
    private static List<Obj> specs(Obj hpa) {
        List<Obj> specs = hpa.list("spec", "metrics");
        if (specs.isEmpty() && hpa.has("spec", "targetCPUUtilizationPercentage")) {
            specs = List.of(cpuUtilization("target", hpa.i64("spec", "targetCPUUtilizationPercentage")));
        }
        if (specs.isEmpty()) {
            specs = List.of(cpuUtilization("target", DEFAULT_CPU_UTILIZATION));
        }
        return specs;
    }

    private static List<Obj> statuses(Obj hpa) {
        List<Obj> statuses = hpa.list("status", "currentMetrics");
        if (statuses.isEmpty() && hpa.has("status", "currentCPUUtilizationPercentage")) {
            statuses = List.of(cpuUtilization("current", hpa.i64("status", "currentCPUUtilizationPercentage")));
        }
        return statuses;
    }

    private static Obj cpuUtilization(String side, long percent) {
        ObjectNode metric = JsonNodeFactory.instance.objectNode();
        metric.put("type", "Resource");
        ObjectNode resource = metric.putObject("resource");
        resource.put("name", "cpu");
        ObjectNode value = resource.putObject(side);
        if ("target".equals(side)) {
            value.put("type", "Utilization");
        }
        value.put("averageUtilization", percent);
        return new Obj(metric);
    }
}
