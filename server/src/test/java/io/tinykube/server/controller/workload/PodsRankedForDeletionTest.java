package io.tinykube.server.controller.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scale-down deletes the least useful pods first, in upstream's ActivePods order. */
class PodsRankedForDeletionTest {
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private static ObjectNode pod(String name, String node, String phase, Boolean ready, int secondsAgoReady,
                                  int restarts, int createdSecondsAgo) {
        ObjectNode pod = Json.object();
        pod.putObject("metadata").put("name", name).put("uid", name).put("creationTimestamp", NOW.minusSeconds(createdSecondsAgo).toString());
        if (node != null) {
            pod.putObject("spec").put("nodeName", node);
        }
        ObjectNode status = pod.putObject("status").put("phase", phase);
        if (ready != null) {
            status.putArray("conditions").addObject().put("type", "Ready").put("status", ready ? "True" : "False")
                    .put("lastTransitionTime", NOW.minusSeconds(secondsAgoReady).toString());
        }
        status.putArray("containerStatuses").addObject().put("restartCount", restarts);
        return pod;
    }

    private static List<String> ranked(Map<String, Integer> perNode, ObjectNode... pods) {
        List<ObjectNode> list = new ArrayList<>(List.of(pods));
        list.sort(new DeletionRanking(perNode, NOW));
        return list.stream().map(p -> p.path("metadata").path("name").asText()).toList();
    }

    @Test
    void unassignedThenPendingThenNotReadyThenReady() {
        assertEquals(List.of("unassigned", "pending", "unknown", "not-ready", "ready"), ranked(Map.of(),
                pod("ready", "n1", "Running", true, 100, 0, 200),
                pod("not-ready", "n1", "Running", false, 100, 0, 200),
                pod("unknown", "n1", "Unknown", null, 0, 0, 200),
                pod("pending", "n1", "Pending", null, 0, 0, 200),
                pod("unassigned", null, "Pending", null, 0, 0, 200)));
    }

    @Test
    void amongReadyPodsDoubledUpThenRecentlyReadyThenRestartedThenNewer() {
        assertEquals(List.of("crowded", "alone"), ranked(Map.of("n1", 3, "n2", 1),
                pod("alone", "n2", "Running", true, 10, 0, 2000), pod("crowded", "n1", "Running", true, 1000, 0, 2000)));
        assertEquals(List.of("recent", "long-ready"), ranked(Map.of(),
                pod("long-ready", "n1", "Running", true, 1000, 0, 2000), pod("recent", "n1", "Running", true, 10, 0, 2000)));
        assertEquals(List.of("restarted", "steady"), ranked(Map.of(),
                pod("steady", "n1", "Running", false, 10, 0, 2000), pod("restarted", "n1", "Running", false, 10, 5, 2000)));
        assertEquals(List.of("newer", "older"), ranked(Map.of(),
                pod("older", "n1", "Running", false, 10, 0, 2000), pod("newer", "n1", "Running", false, 10, 0, 20)));
    }

    @Test
    void lowerDeletionCostGoesFirst() {
        ObjectNode cheap = pod("cheap", "n1", "Running", true, 10, 0, 20);
        ObjectNode dear = pod("dear", "n1", "Running", true, 10, 0, 20);
        ((ObjectNode) dear.get("metadata")).putObject("annotations").put(DeletionRanking.DELETION_COST, "100");
        assertEquals(List.of("cheap", "dear"), ranked(Map.of(), dear, cheap));
    }
}
