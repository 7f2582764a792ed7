package io.tinykube.server.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pods a DaemonSet creates: upstream's daemon tolerations, node affinity, labels and owner. */
class DaemonPodsTest {
    private static ObjectNode daemonSet(String templateSpec) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("{\"metadata\":{\"name\":\"agent\",\"namespace\":\"ns\",\"uid\":\"u1\","
                + "\"annotations\":{\"deprecated.daemonset.template.generation\":\"3\"}},"
                + "\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"app\":\"agent\"}},\"spec\":" + templateSpec + "}}}");
    }

    private static List<String> tolerations(JsonNode pod) {
        List<String> list = new ArrayList<>();
        pod.path("spec").path("tolerations").forEach(t -> list.add(t.path("key").asText() + ":" + t.path("effect").asText()
                + (t.has("tolerationSeconds") ? ":" + t.get("tolerationSeconds").asLong() : "")));
        return list;
    }

    @Test
    void podsGetTheDaemonTolerationsReplacingTimedOnes() throws Exception {
        ObjectNode pod = DaemonPods.build(daemonSet("{\"tolerations\":[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\","
                + "\"effect\":\"NoExecute\",\"tolerationSeconds\":300},{\"key\":\"mine\",\"operator\":\"Exists\"}]}"), "n1", "h1");
        assertEquals(List.of("node.kubernetes.io/not-ready:NoExecute", "mine:", "node.kubernetes.io/unreachable:NoExecute",
                "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule",
                "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule"), tolerations(pod));
    }

    @Test
    void hostNetworkPodsAlsoTolerateAnUnavailableNetwork() throws Exception {
        ObjectNode pod = DaemonPods.build(daemonSet("{\"hostNetwork\":true}"), "n1", "h1");
        assertTrue(tolerations(pod).contains("node.kubernetes.io/network-unavailable:NoSchedule"));
    }

    @Test
    void theRequiredNodeAffinityNamesTheNodeOnly() throws Exception {
        ObjectNode pod = DaemonPods.build(daemonSet("{\"affinity\":{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
                + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"disk\",\"operator\":\"In\",\"values\":[\"ssd\"]}]},"
                + "{\"matchFields\":[{\"key\":\"metadata.name\",\"operator\":\"In\",\"values\":[\"other\"]}]}]},"
                + "\"preferredDuringSchedulingIgnoredDuringExecution\":[]}}}"), "n1", "h1");
        assertEquals(Json.MAPPER.readTree("[{\"matchFields\":[{\"key\":\"metadata.name\",\"operator\":\"In\",\"values\":[\"n1\"]}]}]"),
                Json.at(pod, "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"));
        assertEquals("n1", DaemonPods.targetNode(pod));
        assertFalse(pod.path("spec").has("nodeName"), "the default scheduler binds it");
    }

    @Test
    void podsCarryTheRevisionLabelsAndTheirController() throws Exception {
        ObjectNode pod = DaemonPods.build(daemonSet("{}"), "n1", "h1");
        assertEquals(Json.MAPPER.readTree("{\"app\":\"agent\",\"pod-template-generation\":\"3\",\"controller-revision-hash\":\"h1\"}"),
                pod.path("metadata").path("labels"));
        assertEquals("agent-", pod.path("metadata").path("generateName").asText());
        JsonNode owner = DaemonPods.controllerOf(pod);
        assertEquals("DaemonSet", owner.path("kind").asText());
        assertEquals("u1", owner.path("uid").asText());
        assertTrue(DaemonPods.updated(pod, "h1", null));
        assertTrue(DaemonPods.updated(pod, "other", "3"), "the template generation counts too, as upstream");
        assertFalse(DaemonPods.updated(pod, "other", "4"));
    }

    @Test
    void availableOnceReadyForMinReadySeconds() throws Exception {
        JsonNode pod = Json.MAPPER.readTree("{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                + "\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}");
        assertTrue(DaemonPods.available(pod, 10, Instant.parse("2026-01-01T00:00:10Z")));
        assertFalse(DaemonPods.available(pod, 10, Instant.parse("2026-01-01T00:00:09Z")));
    }
}
