package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.registry.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Defaulting and validation of a PodSpec, shared by pods and every pod template (upstream's SetDefaults_PodSpec, ValidatePodSpec). */
final class PodSpecs {
    private static final Set<String> RESTART_POLICIES = Set.of("Always", "OnFailure", "Never");

    private PodSpecs() {
    }

    static void applyDefaults(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        if (!spec.has("terminationGracePeriodSeconds")) {
            spec.put("terminationGracePeriodSeconds", 30);
        }
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        if (!spec.has("enableServiceLinks")) {
            spec.put("enableServiceLinks", true);
        }
        for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
            for (JsonNode container : spec.path(list)) {
                if (container.isObject()) {
                    containerDefaults((ObjectNode) container);
                }
            }
        }
        for (JsonNode volume : spec.path("volumes")) {
            for (String source : new String[] {"configMap", "secret", "projected", "downwardAPI"}) {
                if (volume.path(source).isObject() && !volume.get(source).has("defaultMode")) {
                    ((ObjectNode) volume.get(source)).put("defaultMode", 420);
                }
            }
        }
    }

    private static void containerDefaults(ObjectNode container) {
        putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(container, "terminationMessagePolicy", "File");
        if (!container.has("imagePullPolicy")) {
            container.put("imagePullPolicy", latestTag(container.path("image").asText()) ? "Always" : "IfNotPresent");
        }
        if (!container.has("resources")) {
            container.putObject("resources");
        }
        for (JsonNode port : container.path("ports")) {
            if (port.isObject()) {
                putIfAbsent((ObjectNode) port, "protocol", "TCP");
            }
        }
        for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
            if (container.path(probe).isObject()) {
                ObjectNode p = (ObjectNode) container.get(probe);
                putIfAbsent(p, "timeoutSeconds", 1);
                putIfAbsent(p, "periodSeconds", 10);
                putIfAbsent(p, "successThreshold", 1);
                putIfAbsent(p, "failureThreshold", 3);
                if (p.path("httpGet").isObject()) {
                    putIfAbsent((ObjectNode) p.get("httpGet"), "scheme", "HTTP");
                }
            }
        }
    }

    /** An image without a tag or digest, or tagged {@code latest}, is pulled every time. */
    static boolean latestTag(String image) {
        if (image.contains("@")) {
            return false;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon <= slash || image.substring(colon + 1).equals("latest");
    }

    static List<Cause> validate(JsonNode spec, String path) {
        List<Cause> causes = new ArrayList<>();
        if (spec == null || !spec.isObject()) {
            causes.add(required(path, null));
            return causes;
        }
        JsonNode containers = spec.get("containers");
        if (containers == null || !containers.isArray() || containers.isEmpty()) {
            causes.add(required(path + ".containers", null));
        }
        Set<String> names = new HashSet<>();
        for (String list : new String[] {"initContainers", "containers"}) {
            int index = 0;
            for (JsonNode container : spec.path(list)) {
                validateContainer(container, path + "." + list + "[" + index++ + "]", names, causes);
            }
        }
        String restartPolicy = spec.path("restartPolicy").asText("Always");
        if (!RESTART_POLICIES.contains(restartPolicy)) {
            causes.add(new Cause("FieldValueNotSupported", "Unsupported value: \"" + restartPolicy
                    + "\": supported values: \"Always\", \"OnFailure\", \"Never\"", path + ".restartPolicy"));
        }
        return causes;
    }

    private static void validateContainer(JsonNode container, String path, Set<String> names, List<Cause> causes) {
        String name = container.path("name").asText("");
        if (name.isEmpty()) {
            causes.add(required(path + ".name", null));
        } else {
            for (String problem : Names.dns1123LabelErrors(name)) {
                causes.add(invalid(path + ".name", "\"" + name + "\"", problem));
            }
            if (!names.add(name)) {
                causes.add(new Cause("FieldValueDuplicate", "Duplicate value: \"" + name + "\"", path + ".name"));
            }
        }
        if (container.path("image").asText("").isBlank()) {
            causes.add(required(path + ".image", null));
        }
        int index = 0;
        for (JsonNode port : container.path("ports")) {
            String portPath = path + ".ports[" + index++ + "]";
            JsonNode number = port.get("containerPort");
            if (number == null || !number.canConvertToInt() || number.asInt() < 1 || number.asInt() > 65535) {
                causes.add(invalid(portPath + ".containerPort", number == null ? "0" : number.toString(), "must be between 1 and 65535, inclusive"));
            }
            String protocol = port.path("protocol").asText("TCP");
            if (!Set.of("TCP", "UDP", "SCTP").contains(protocol)) {
                causes.add(new Cause("FieldValueNotSupported", "Unsupported value: \"" + protocol + "\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                        portPath + ".protocol"));
            }
        }
    }

    static Cause required(String field, String detail) {
        return new Cause("FieldValueRequired", "Required value" + (detail == null ? "" : ": " + detail), field);
    }

    static Cause invalid(String field, String renderedValue, String detail) {
        return new Cause("FieldValueInvalid", "Invalid value: " + renderedValue + ": " + detail, field);
    }

    static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.hasNonNull(field)) {
            node.put(field, value);
        }
    }

    static void putIfAbsent(ObjectNode node, String field, int value) {
        if (!node.hasNonNull(field)) {
            node.put(field, value);
        }
    }

    static ArrayNode array(ObjectNode node, String field) {
        return node.withArray(field);
    }
}
