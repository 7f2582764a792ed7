package io.tinykube.server.controller.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.Expectations;
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
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EndpointSlices of every Service with a selector (upstream's pkg/controller/endpointslice): one
 * endpoint per selected pod with its ready/serving/terminating conditions, grouped into slices by the
 * ports the pod resolves, at most {@link #MAX_ENDPOINTS} per slice. Endpoints stay in the slice they
 * are in, so a pod's change rewrites one slice; a service without endpoints keeps one empty placeholder.
 */
public final class EndpointSliceController implements Controller, Reconciler {
    static final String SERVICE_NAME = "kubernetes.io/service-name";
    static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    static final String CONTROLLER = "endpointslice-controller.k8s.io";
    static final String ZONE = "topology.kubernetes.io/zone";
    static final int MAX_ENDPOINTS = 100;
    static final String BY_SERVICE = "endpointSliceService";

    private final long resyncSeconds;
    private final Expectations expectations = new Expectations();
    private Informer services;
    private Informer pods;
    private Informer nodes;
    private Informer slices;
    private GenericStore store;

    public EndpointSliceController(Duration resync) {
        this.resyncSeconds = resync.toSeconds();
    }

    @Override
    public void start(ControllerContext context) {
        services = context.informers().get("", "v1", "services");
        pods = context.informers().pods();
        nodes = context.informers().nodes();
        slices = context.informers().get("discovery.k8s.io", "v1", "endpointslices");
        store = context.store("discovery.k8s.io", "v1", "endpointslices");
        slices.addIndexer(BY_SERVICE, slice -> {
            String service = Json.text(slice, "metadata", "labels", SERVICE_NAME);
            return service == null ? List.of() : List.of(Informer.key(Objects.namespace(slice), service));
        });
        slices.addHandler(new Informer.Handler() {
            @Override
            public void onAdd(ObjectNode slice) {
                if (managed(slice)) {
                    expectations.creationObserved(serviceKey(slice));
                }
            }

            @Override
            public void onUpdate(ObjectNode old, ObjectNode current) {
            }

            @Override
            public void onDelete(ObjectNode last) {
            }
        });
        context.runner("endpointslice", this)
                .watch(services, service -> true)
                .watchMapped(pods, pod -> ServicePods.selecting(services, pod))
                .watchMapped(slices, slice -> managed(slice) ? List.of(serviceKey(slice)) : List.of())
                .resync(services, resyncSeconds);
    }

    private static boolean managed(ObjectNode slice) {
        return CONTROLLER.equals(Json.text(slice, "metadata", "labels", MANAGED_BY)) && Json.text(slice, "metadata", "labels", SERVICE_NAME) != null;
    }

    private static String serviceKey(ObjectNode slice) {
        return Informer.key(Objects.namespace(slice), Json.text(slice, "metadata", "labels", SERVICE_NAME));
    }

    @Override
    public Result reconcile(String namespace, String name) {
        String key = Informer.key(namespace, name);
        ObjectNode service = services.get(namespace, name).orElse(null);
        if (service == null || !ServicePods.hasSelector(service)) {
            expectations.forget(key);
            return Result.DONE; // the garbage collector takes a deleted service's slices
        }
        if (!expectations.satisfied(key)) {
            return Result.after(Duration.ofSeconds(1)); // slices created a moment ago are not in the cache yet
        }
        Map<ArrayNode, Map<String, ObjectNode>> desired = desired(service);
        List<ObjectNode> existing = new ArrayList<>();
        for (ObjectNode slice : slices.byIndex(BY_SERVICE, key)) {
            if (managed(slice)) {
                existing.add(slice);
            }
        }
        existing.sort(Comparator.comparing(Objects::name));

        // Endpoints stay where they are; gone ones leave; slices whose ports no pod resolves to empty out.
        Map<ObjectNode, ArrayNode> endpointsOf = new IdentityHashMap<>();
        Map<ObjectNode, ArrayNode> portsOf = new IdentityHashMap<>();
        for (ObjectNode slice : existing) {
            ArrayNode ports = ports(slice);
            Map<String, ObjectNode> wanted = desired.get(ports);
            ArrayNode kept = Json.array();
            for (JsonNode endpoint : slice.path("endpoints")) {
                ObjectNode now = wanted == null ? null : wanted.remove(endpoint.path("targetRef").path("uid").asText());
                if (now != null) {
                    kept.add(now);
                }
            }
            endpointsOf.put(slice, kept);
            portsOf.put(slice, ports);
        }
        // New endpoints fill slices with room, then new slices.
        List<ObjectNode> created = new ArrayList<>();
        desired.forEach((ports, endpoints) -> {
            Iterator<ObjectNode> unplaced = endpoints.values().iterator();
            for (ObjectNode slice : existing) {
                ArrayNode kept = endpointsOf.get(slice);
                while (portsOf.get(slice).equals(ports) && kept.size() < MAX_ENDPOINTS && unplaced.hasNext()) {
                    kept.add(unplaced.next());
                }
            }
            while (unplaced.hasNext()) {
                ObjectNode slice = newSlice(service, ports);
                ArrayNode endpointArray = slice.putArray("endpoints");
                while (endpointArray.size() < MAX_ENDPOINTS && unplaced.hasNext()) {
                    endpointArray.add(unplaced.next());
                }
                created.add(slice);
            }
        });
        boolean anyEndpoint = !created.isEmpty() || endpointsOf.values().stream().anyMatch(endpoints -> !endpoints.isEmpty());
        ObjectNode placeholder = null;
        if (!anyEndpoint) {
            // upstream keeps one empty slice for a service without endpoints
            if (existing.isEmpty()) {
                created.add(newSlice(service, Json.array()).set("endpoints", Json.array()));
            } else {
                placeholder = existing.get(0);
                portsOf.put(placeholder, Json.array());
            }
        }
        ObjectNode labels = labels(service);
        ArrayNode owners = owners(service);
        try {
            for (ObjectNode slice : existing) {
                ArrayNode endpoints = endpointsOf.get(slice);
                if (endpoints.isEmpty() && slice != placeholder) {
                    store.delete(namespace, Objects.name(slice), new DeleteOptions(null, null, Json.text(slice, "metadata", "uid"), null), false, null);
                } else if (!Json.sameJson(endpoints, slice.path("endpoints")) || !Json.sameJson(portsOf.get(slice), ports(slice))
                        || !Json.sameJson(labels, slice.path("metadata").path("labels")) || !Json.sameJson(owners, slice.path("metadata").path("ownerReferences"))) {
                    ArrayNode ports = portsOf.get(slice);
                    store.update(namespace, Objects.name(slice), current -> {
                        Objects.metadata(current).put("resourceVersion", Json.text(slice, "metadata", "resourceVersion"));
                        Objects.metadata(current).set("labels", labels);
                        Objects.metadata(current).set("ownerReferences", owners);
                        current.set("endpoints", endpoints);
                        current.set("ports", ports);
                        return current;
                    }, Part.MAIN, false);
                }
            }
            expectations.expect(key, created.size(), 0);
            for (ObjectNode slice : created) {
                store.create(namespace, slice, false);
            }
        } catch (ApiException e) {
            expectations.forget(key);
            if (e.code() == 409 || e.code() == 404) {
                return Result.RETRY; // written meanwhile: the cache catches up, then look again
            }
            if (e.code() != 403) { // 403: the namespace is terminating
                throw e;
            }
        }
        return Result.DONE;
    }

    /** The endpoints each set of resolved ports should have, by pod uid, in pod name order. */
    private Map<ArrayNode, Map<String, ObjectNode>> desired(ObjectNode service) {
        List<ObjectNode> selected = ServicePods.selected(pods, service);
        selected.sort(Comparator.comparing(Objects::name));
        Map<ArrayNode, Map<String, ObjectNode>> desired = new LinkedHashMap<>();
        JsonNode servicePorts = Json.at(service, "spec", "ports");
        for (ObjectNode pod : selected) {
            if (!ServicePods.shouldBeInEndpoints(pod, true)) {
                continue;
            }
            ArrayNode ports = Json.array();
            if (servicePorts != null) {
                for (JsonNode servicePort : servicePorts) {
                    Integer port = ServicePods.port(pod, servicePort);
                    if (port != null) {
                        ObjectNode endpointPort = ports.addObject().put("name", servicePort.path("name").asText(""))
                                .put("port", port).put("protocol", servicePort.path("protocol").asText("TCP"));
                        if (servicePort.hasNonNull("appProtocol")) {
                            endpointPort.put("appProtocol", servicePort.get("appProtocol").asText());
                        }
                    }
                }
            }
            desired.computeIfAbsent(ports, k -> new LinkedHashMap<>()).put(Json.text(pod, "metadata", "uid"), endpoint(pod, service));
        }
        return desired;
    }

    /** Upstream's podToEndpoint. */
    private ObjectNode endpoint(ObjectNode pod, ObjectNode service) {
        boolean serving = ServicePods.ready(pod);
        boolean terminating = Objects.isDeleting(pod);
        // a terminating pod is never ready, unless the service publishes every address
        boolean ready = Json.with(service, "spec").path("publishNotReadyAddresses").asBoolean(false) || (serving && !terminating);
        ObjectNode endpoint = Json.object();
        endpoint.putArray("addresses").add(ServicePods.ip(pod));
        endpoint.putObject("conditions").put("ready", ready).put("serving", serving).put("terminating", terminating);
        String hostname = ServicePods.hostname(pod, service);
        if (hostname != null) {
            endpoint.put("hostname", hostname);
        }
        endpoint.set("targetRef", ServicePods.targetRef(pod));
        String node = Json.text(pod, "spec", "nodeName");
        if (node != null) {
            endpoint.put("nodeName", node);
            String zone = nodes.get(null, node).map(n -> Json.text(n, "metadata", "labels", ZONE)).orElse(null);
            if (zone != null && !zone.isEmpty()) {
                endpoint.put("zone", zone);
            }
        }
        return endpoint;
    }

    private static ObjectNode newSlice(ObjectNode service, ArrayNode ports) {
        ObjectNode slice = Json.object().put("apiVersion", "discovery.k8s.io/v1").put("kind", "EndpointSlice");
        ObjectNode metadata = slice.putObject("metadata").put("generateName", Objects.name(service) + "-");
        metadata.set("labels", labels(service));
        metadata.set("ownerReferences", owners(service));
        slice.put("addressType", "IPv4");
        slice.set("ports", ports);
        return slice;
    }

    /** The service's labels and the controller's own; as upstream's setEndpointSliceLabels. */
    static ObjectNode labels(ObjectNode service) {
        ObjectNode labels = EndpointsController.labels(service);
        labels.put(SERVICE_NAME, Objects.name(service));
        labels.put(MANAGED_BY, CONTROLLER);
        return labels;
    }

    private static ArrayNode owners(ObjectNode service) {
        ArrayNode owners = Json.array();
        owners.addObject().put("apiVersion", "v1").put("kind", "Service").put("name", Objects.name(service))
                .put("uid", Json.text(service, "metadata", "uid")).put("controller", true).put("blockOwnerDeletion", true);
        return owners;
    }

    private static ArrayNode ports(ObjectNode slice) {
        JsonNode ports = slice.get("ports");
        return ports instanceof ArrayNode array ? array : Json.array();
    }
}
