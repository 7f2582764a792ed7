package io.tinykube.server.controller.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Endpoints of every Service with a selector (upstream's pkg/controller/endpoint): the selected pods'
 * addresses, ready or not, with the ports each pod resolves the service's target ports to; pods that
 * resolve them differently land in different subsets. Services without a selector keep the Endpoints
 * their users write.
 */
public final class EndpointsController implements Controller, Reconciler {
    static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    private final long resyncSeconds;
    private Informer services;
    private Informer pods;
    private Informer endpoints;
    private GenericStore store;

    public EndpointsController(Duration resync) {
        this.resyncSeconds = resync.toSeconds();
    }

    @Override
    public void start(ControllerContext context) {
        services = context.informers().get("", "v1", "services");
        pods = context.informers().pods();
        endpoints = context.informers().get("", "v1", "endpoints");
        store = context.store("", "v1", "endpoints");
        context.runner("endpoint", this)
                .watch(services, service -> true)
                .watchMapped(pods, pod -> ServicePods.selecting(services, pod))
                .watch(endpoints, object -> services.get(Objects.namespace(object), Objects.name(object)).isPresent())
                .resync(services, resyncSeconds);
    }

    @Override
    public Result reconcile(String namespace, String name) {
        ObjectNode service = services.get(namespace, name).orElse(null);
        ObjectNode current = endpoints.get(namespace, name).orElse(null);
        if (service == null) {
            if (current != null) {
                delete(namespace, name);
            }
            return Result.DONE;
        }
        if (!ServicePods.hasSelector(service)) {
            return Result.DONE;
        }
        ArrayNode subsets = subsets(service, ServicePods.selected(pods, service));
        ObjectNode labels = labels(service);
        if (current != null && Json.sameJson(subsets, orEmpty(current.get("subsets"))) && Json.sameJson(labels, orEmptyObject(Json.at(current, "metadata", "labels")))) {
            return Result.DONE;
        }
        try {
            if (current == null && store.find(namespace, name).isEmpty()) {
                ObjectNode created = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
                created.putObject("metadata").put("name", name).set("labels", labels);
                if (!subsets.isEmpty()) {
                    created.set("subsets", subsets);
                }
                store.create(namespace, created, false);
            } else {
                store.update(namespace, name, existing -> {
                    Objects.metadata(existing).set("labels", labels);
                    if (subsets.isEmpty()) {
                        existing.remove("subsets");
                    } else {
                        existing.set("subsets", subsets);
                    }
                    return existing;
                }, Part.MAIN, false);
            }
        } catch (ApiException e) {
            if (e.code() == 409 || e.code() == 404) {
                return Result.RETRY; // the cache was behind; look again
            }
            if (e.code() != 403) { // 403: the namespace is terminating
                throw e;
            }
        }
        return Result.DONE;
    }

    /** The service's labels, marked headless when it is; as upstream labels its Endpoints. */
    static ObjectNode labels(ObjectNode service) {
        ObjectNode labels = orEmptyObject(Json.at(service, "metadata", "labels")).deepCopy();
        if (ServicePods.headless(service)) {
            labels.put(HEADLESS_LABEL, "");
        } else {
            labels.remove(HEADLESS_LABEL);
        }
        return labels;
    }

    /**
     * Upstream's subsets after RepackSubsets: each port maps to the addresses that serve it, and ports
     * served by the same addresses share a subset. Sorted, so that equal content compares equal.
     */
    static ArrayNode subsets(ObjectNode service, List<ObjectNode> selected) {
        boolean publishNotReady = Json.with(service, "spec").path("publishNotReadyAddresses").asBoolean(false);
        JsonNode servicePorts = Json.at(service, "spec", "ports");
        boolean portless = servicePorts == null || servicePorts.isEmpty();
        // port (null for a portless headless service) → address → ready
        Map<JsonNode, Map<JsonNode, Boolean>> byPort = new HashMap<>();
        for (ObjectNode pod : selected) {
            if (!ServicePods.shouldBeInEndpoints(pod, publishNotReady)) {
                continue;
            }
            ObjectNode address = address(pod, service);
            boolean ready = publishNotReady || ServicePods.ready(pod);
            if (portless) {
                if (ServicePods.headless(service)) {
                    byPort.computeIfAbsent(NullNode.instance, k -> new HashMap<>()).put(address, ready);
                }
                continue;
            }
            for (JsonNode servicePort : servicePorts) {
                Integer port = ServicePods.port(pod, servicePort);
                if (port == null) {
                    continue; // this pod does not offer the named port
                }
                ObjectNode endpointPort = Json.object();
                if (!servicePort.path("name").asText().isEmpty()) {
                    endpointPort.put("name", servicePort.path("name").asText());
                }
                endpointPort.put("port", port).put("protocol", servicePort.path("protocol").asText("TCP"));
                if (servicePort.hasNonNull("appProtocol")) {
                    endpointPort.put("appProtocol", servicePort.get("appProtocol").asText());
                }
                byPort.computeIfAbsent(endpointPort, k -> new HashMap<>()).put(address, ready);
            }
        }
        Map<Map<JsonNode, Boolean>, List<JsonNode>> bySameAddresses = new HashMap<>();
        byPort.forEach((port, addresses) -> bySameAddresses.computeIfAbsent(addresses, k -> new ArrayList<>()).add(port));
        List<ObjectNode> subsets = new ArrayList<>();
        bySameAddresses.forEach((addresses, ports) -> {
            ObjectNode subset = Json.object();
            ArrayNode ready = Json.array();
            ArrayNode notReady = Json.array();
            addresses.forEach((address, isReady) -> (isReady ? ready : notReady).add(address));
            sortByIp(ready);
            sortByIp(notReady);
            if (!ready.isEmpty()) {
                subset.set("addresses", ready);
            }
            if (!notReady.isEmpty()) {
                subset.set("notReadyAddresses", notReady);
            }
            if (!ports.contains(NullNode.instance)) {
                ports.sort(Comparator.comparing(JsonNode::toString));
                subset.putArray("ports").addAll(ports);
            }
            subsets.add(subset);
        });
        subsets.sort(Comparator.comparing(ObjectNode::toString));
        ArrayNode array = Json.array();
        subsets.forEach(array::add);
        return array;
    }

    private static ObjectNode address(ObjectNode pod, ObjectNode service) {
        ObjectNode address = Json.object().put("ip", ServicePods.ip(pod));
        String hostname = ServicePods.hostname(pod, service);
        if (hostname != null) {
            address.put("hostname", hostname);
        }
        String node = Json.text(pod, "spec", "nodeName");
        if (node != null) {
            address.put("nodeName", node);
        }
        address.set("targetRef", ServicePods.targetRef(pod));
        return address;
    }

    private static void sortByIp(ArrayNode addresses) {
        List<JsonNode> sorted = new ArrayList<>();
        addresses.forEach(sorted::add);
        sorted.sort(Comparator.comparing((JsonNode a) -> a.path("ip").asText()).thenComparing(a -> a.path("targetRef").path("uid").asText()));
        addresses.removeAll();
        sorted.forEach(addresses::add);
    }

    private void delete(String namespace, String name) {
        try {
            store.delete(namespace, name, DeleteOptions.DEFAULT, false, null);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private static ArrayNode orEmpty(JsonNode node) {
        return node instanceof ArrayNode array ? array : Json.array();
    }

    private static ObjectNode orEmptyObject(JsonNode node) {
        return node instanceof ObjectNode object ? object : Json.object();
    }
}
