package io.tinykube.server.controller.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * The {@code default/kubernetes} Endpoints and EndpointSlice, which upstream's API server reconciler
 * writes: they point at this server's address and HTTPS port. Rewritten whenever someone changes them.
 */
public final class ApiServerEndpoints implements Controller, Reconciler {
    static final String NAMESPACE = "default";
    static final String NAME = "kubernetes";
    static final String SKIP_MIRROR = "endpointslice.kubernetes.io/skip-mirror";

    private final String address;
    private final int port;
    private Informer endpoints;
    private Informer slices;
    private GenericStore endpointsStore;
    private GenericStore slicesStore;

    /** {@code bindAddress} as the server listens; a wildcard stands for the machine's first non-loopback IPv4. */
    public ApiServerEndpoints(String bindAddress, int port) {
        this.address = advertised(bindAddress);
        this.port = port;
    }

    static String advertised(String bindAddress) {
        if (bindAddress != null && !bindAddress.isEmpty() && !bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            return bindAddress;
        }
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress candidate : Collections.list(network.getInetAddresses())) {
                    if (candidate instanceof Inet4Address && !candidate.isLoopbackAddress() && !candidate.isLinkLocalAddress()) {
                        return candidate.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to read: fall back to loopback
        }
        return "127.0.0.1";
    }

    @Override
    public void start(ControllerContext context) {
        endpoints = context.informers().get("", "v1", "endpoints");
        slices = context.informers().get("discovery.k8s.io", "v1", "endpointslices");
        endpointsStore = context.store("", "v1", "endpoints");
        slicesStore = context.store("discovery.k8s.io", "v1", "endpointslices");
        String key = Informer.key(NAMESPACE, NAME);
        context.runner("apiserver-endpoints", this)
                .watch(endpoints, object -> Informer.key(object).equals(key))
                .watch(slices, object -> Informer.key(object).equals(key))
                .enqueue(key);
    }

    @Override
    public Result reconcile(String namespace, String name) {
        ObjectNode port = Json.object().put("name", "https").put("port", this.port).put("protocol", "TCP");
        ObjectNode subset = Json.object();
        subset.putArray("addresses").addObject().put("ip", address);
        subset.putArray("ports").add(port);
        ArrayNode subsets = Json.array().add(subset);
        ObjectNode endpointsLabels = Json.object().put(SKIP_MIRROR, "true");
        ObjectNode endpoint = Json.object();
        endpoint.putArray("addresses").add(address);
        endpoint.putObject("conditions").put("ready", true);
        ArrayNode sliceEndpoints = Json.array().add(endpoint);
        ArrayNode slicePorts = Json.array().add(port.deepCopy());
        ObjectNode sliceLabels = Json.object().put(EndpointSliceController.SERVICE_NAME, NAME);

        ObjectNode current = endpoints.get(NAMESPACE, NAME).orElse(null);
        if (current == null || !Json.sameJson(subsets, current.get("subsets")) || !Json.sameJson(endpointsLabels, Json.at(current, "metadata", "labels"))) {
            ObjectNode desired = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
            desired.putObject("metadata").put("name", NAME).set("labels", endpointsLabels);
            desired.set("subsets", subsets);
            if (!write(endpointsStore, current, desired)) {
                return Result.RETRY;
            }
        }
        ObjectNode slice = slices.get(NAMESPACE, NAME).orElse(null);
        if (slice == null || !"IPv4".equals(Json.text(slice, "addressType")) || !Json.sameJson(sliceEndpoints, slice.get("endpoints"))
                || !Json.sameJson(slicePorts, slice.get("ports")) || !Json.sameJson(sliceLabels, Json.at(slice, "metadata", "labels"))) {
            ObjectNode desired = Json.object().put("apiVersion", "discovery.k8s.io/v1").put("kind", "EndpointSlice");
            desired.putObject("metadata").put("name", NAME).set("labels", sliceLabels);
            desired.put("addressType", "IPv4");
            desired.set("endpoints", sliceEndpoints);
            desired.set("ports", slicePorts);
            if (!write(slicesStore, slice, desired)) {
                return Result.RETRY;
            }
        }
        return Result.DONE;
    }

    /**
     * Creates {@code desired}, or replaces the content of what exists (keeping its metadata but labels);
     * false when a concurrent write got in the way.
     */
    private static boolean write(GenericStore store, ObjectNode cached, ObjectNode desired) {
        try {
            if (cached == null && store.find(NAMESPACE, NAME).isEmpty()) {
                store.create(NAMESPACE, desired, false);
                return true;
            }
            store.update(NAMESPACE, NAME, current -> {
                ObjectNode replaced = desired.deepCopy();
                ObjectNode metadata = Objects.metadata(current).deepCopy();
                metadata.set("labels", Json.at(desired, "metadata", "labels"));
                replaced.set("metadata", metadata);
                return replaced;
            }, Part.MAIN, false);
            return true;
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            return false;
        }
    }
}
