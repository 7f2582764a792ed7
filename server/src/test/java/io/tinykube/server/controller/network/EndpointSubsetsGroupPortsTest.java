package io.tinykube.server.controller.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Endpoints subsets as upstream repacks them: a port maps to the addresses serving it, ports with the same addresses share a subset. */
class EndpointSubsetsGroupPortsTest {

    @Test
    void podsResolvingANamedPortDifferentlyLandInDifferentSubsets() {
        ObjectNode service = service(false);
        service.with("spec").withArray("ports").addObject().put("name", "metrics").put("port", 9100).put("targetPort", 9100)
                .put("protocol", "TCP");
        ArrayNode subsets = EndpointsController.subsets(service, List.of(pod("a", "10.0.0.1", 8080, true),
                pod("b", "10.0.0.2", 8080, false), pod("c", "10.0.0.3", 9090, true)));
        // 8080: a (ready), b (not ready); 9090: c; 9100: a, b, c
        assertEquals(3, subsets.size(), subsets.toString());
        assertEquals(List.of("10.0.0.1", "10.0.0.3"), ips(subsetWith(subsets, 9100), "addresses"));
        assertEquals(List.of("10.0.0.2"), ips(subsetWith(subsets, 9100), "notReadyAddresses"));
        assertEquals(List.of("10.0.0.1"), ips(subsetWith(subsets, 8080), "addresses"));
        assertEquals(List.of("10.0.0.3"), ips(subsetWith(subsets, 9090), "addresses"));
        assertEquals("http", subsetWith(subsets, 8080).path("ports").get(0).path("name").asText());
    }

    @Test
    void publishNotReadyAddressesMakesEveryAddressReady() {
        ArrayNode subsets = EndpointsController.subsets(service(true), List.of(pod("b", "10.0.0.2", 8080, false)));
        assertEquals(List.of("10.0.0.2"), ips(subsets.get(0), "addresses"));
        assertEquals(List.of(), ips(subsets.get(0), "notReadyAddresses"));
    }

    @Test
    void terminatingPodsAndPodsWithoutAddressAreLeftOut() {
        ObjectNode terminating = pod("t", "10.0.0.9", 8080, true);
        terminating.with("metadata").put("deletionTimestamp", "2026-01-01T00:00:00Z");
        ObjectNode pending = pod("p", "10.0.0.8", 8080, false);
        pending.with("status").remove("podIP");
        assertEquals(0, EndpointsController.subsets(service(false), List.of(terminating, pending)).size());
    }

    private static ObjectNode service(boolean publishNotReady) {
        ObjectNode service = Json.object();
        service.putObject("metadata").put("name", "web").put("namespace", "ns");
        ObjectNode spec = service.putObject("spec").put("publishNotReadyAddresses", publishNotReady);
        spec.putObject("selector").put("app", "web");
        spec.putArray("ports").addObject().put("name", "http").put("port", 80).put("targetPort", "http").put("protocol", "TCP");
        return service;
    }

    private static ObjectNode pod(String name, String ip, int httpPort, boolean ready) {
        ObjectNode pod = Json.object();
        pod.putObject("metadata").put("name", name).put("namespace", "ns").put("uid", "uid-" + name);
        ObjectNode spec = pod.putObject("spec").put("nodeName", "node-1");
        spec.putArray("containers").addObject().put("name", "c").putArray("ports").addObject().put("name", "http").put("containerPort", httpPort);
        ObjectNode status = pod.putObject("status").put("phase", "Running").put("podIP", ip);
        status.putArray("conditions").addObject().put("type", "Ready").put("status", ready ? "True" : "False");
        return pod;
    }

    private static ObjectNode subsetWith(ArrayNode subsets, int port) {
        for (var subset : subsets) {
            for (var p : subset.path("ports")) {
                if (p.path("port").asInt() == port) {
                    return (ObjectNode) subset;
                }
            }
        }
        throw new AssertionError("no subset with port " + port + " in " + subsets);
    }

    private static List<String> ips(com.fasterxml.jackson.databind.JsonNode subset, String field) {
        return subset.path(field).findValuesAsText("ip");
    }
}
