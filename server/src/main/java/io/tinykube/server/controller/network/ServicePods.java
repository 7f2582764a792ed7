package io.tinykube.server.controller.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.LabelSelectors;
import io.tinykube.server.registry.Objects;
import java.util.ArrayList;
import java.util.List;

/** What the endpoint controllers share: which services select a pod, and what a pod offers a service. */
final class ServicePods {
    private ServicePods() {
    }

    /** Keys of the services in the pod's namespace whose selector matches it. */
    static List<String> selecting(Informer services, ObjectNode pod) {
        List<String> keys = new ArrayList<>();
        JsonNode labels = Json.at(pod, "metadata", "labels");
        for (ObjectNode service : services.list(Objects.namespace(pod))) {
            if (hasSelector(service) && labels != null && LabelSelectors.mapMatches(Json.at(service, "spec", "selector"), labels)) {
                keys.add(Informer.key(service));
            }
        }
        return keys;
    }

    /** The pods a service with a selector selects; user-managed endpoints belong to services without one. */
    static boolean hasSelector(ObjectNode service) {
        JsonNode selector = Json.at(service, "spec", "selector");
        return selector != null && selector.isObject() && !selector.isEmpty();
    }

    static List<ObjectNode> selected(Informer pods, ObjectNode service) {
        JsonNode selector = Json.at(service, "spec", "selector");
        List<ObjectNode> selected = new ArrayList<>();
        for (ObjectNode pod : pods.list(Objects.namespace(service))) {
            JsonNode labels = Json.at(pod, "metadata", "labels");
            if (labels != null && LabelSelectors.mapMatches(selector, labels)) {
                selected.add(pod);
            }
        }
        return selected;
    }

    static boolean headless(ObjectNode service) {
        return "None".equals(Json.text(service, "spec", "clusterIP"));
    }

    /** Upstream's ShouldPodBeInEndpoints: an IPv4 address, not finished, and not terminating unless asked. */
    static boolean shouldBeInEndpoints(ObjectNode pod, boolean includeTerminating) {
        String ip = ip(pod);
        if (ip == null || ip.isEmpty() || ip.contains(":")) {
            return false;
        }
        if (!includeTerminating && Objects.isDeleting(pod)) {
            return false;
        }
        String phase = Json.text(pod, "status", "phase");
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    static String ip(ObjectNode pod) {
        return Json.text(pod, "status", "podIP");
    }

    static boolean ready(ObjectNode pod) {
        JsonNode conditions = Json.at(pod, "status", "conditions");
        if (conditions != null) {
            for (JsonNode condition : conditions) {
                if ("Ready".equals(condition.path("type").asText())) {
                    return "True".equals(condition.path("status").asText());
                }
            }
        }
        return false;
    }

    /**
     * The pod's port for a service port: a numbered targetPort as it is, a named one looked up among the
     * containers' ports of the same protocol, none set the service port. Null when the name is not found.
     */
    static Integer port(ObjectNode pod, JsonNode servicePort) {
        JsonNode target = servicePort.get("targetPort");
        if (target == null || target.isNull()) {
            return servicePort.path("port").asInt();
        }
        if (target.isInt() || target.asText().matches("\\d+")) {
            return target.asInt();
        }
        String protocol = servicePort.path("protocol").asText("TCP");
        JsonNode containers = Json.at(pod, "spec", "containers");
        if (containers != null) {
            for (JsonNode container : containers) {
                for (JsonNode port : container.path("ports")) {
                    if (target.asText().equals(port.path("name").asText()) && protocol.equals(port.path("protocol").asText("TCP"))) {
                        return port.path("containerPort").asInt();
                    }
                }
            }
        }
        return null;
    }

    /** A reference to the pod, as endpoints carry it. */
    static ObjectNode targetRef(ObjectNode pod) {
        return Json.object().put("kind", "Pod").put("namespace", Objects.namespace(pod)).put("name", Objects.name(pod))
                .put("uid", Json.text(pod, "metadata", "uid"));
    }

    /** The pod's hostname for DNS, when it names this service as its subdomain. */
    static String hostname(ObjectNode pod, ObjectNode service) {
        String hostname = Json.text(pod, "spec", "hostname");
        return hostname != null && !hostname.isEmpty() && Objects.name(service).equals(Json.text(pod, "spec", "subdomain")) ? hostname : null;
    }
}
