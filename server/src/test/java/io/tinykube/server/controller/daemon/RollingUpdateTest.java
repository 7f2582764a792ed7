package io.tinykube.server.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A rolling update's step: within maxUnavailable without surge, within maxSurge with it. */
class RollingUpdateTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    private static ObjectNode pod(String name, String hash, boolean ready, boolean deleting) {
        ObjectNode pod = Json.object();
        ObjectNode metadata = pod.putObject("metadata").put("name", name);
        metadata.putObject("labels").put(DaemonPods.REVISION_HASH, hash);
        if (deleting) {
            metadata.put("deletionTimestamp", "2026-01-01T00:09:00Z");
        }
        pod.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", ready ? "True" : "False")
                .put("lastTransitionTime", "2026-01-01T00:00:00Z");
        return pod;
    }

    private static RollingUpdate.State state(Map<String, List<ObjectNode>> pods) {
        return new RollingUpdate.State(new TreeMap<>(pods), node -> true, "new", null, 0, NOW);
    }

    private static List<ObjectNode> on(ObjectNode... pods) {
        return new ArrayList<>(List.of(pods));
    }

    @Test
    void withoutSurgeDeletesOldPodsUpToMaxUnavailable() {
        NodeChanges plan = RollingUpdate.plan(state(Map.of("a", on(pod("a-old", "old", true, false)),
                "b", on(pod("b-old", "old", true, false)), "c", on(pod("c-old", "old", true, false)))), 0, 1, 3);
        assertEquals(List.of("a-old"), plan.deletes());
        assertEquals(List.of(), plan.creates());
    }

    @Test
    void withoutSurgeWaitsWhileANodeLacksAnAvailablePod() {
        NodeChanges plan = RollingUpdate.plan(state(Map.of("a", on(pod("a-new", "new", false, false)),
                "b", on(pod("b-old", "old", true, false)), "c", on(pod("c-old", "old", false, false)))), 0, 1, 3);
        assertEquals(List.of("c-old"), plan.deletes(), "an unavailable old pod is replaced at once, no available one is");
    }

    @Test
    void withSurgeAddsNewPodsNextToOldOnesUpToMaxSurge() {
        NodeChanges plan = RollingUpdate.plan(state(Map.of("a", on(pod("a-old", "old", true, false)),
                "b", on(pod("b-old", "old", true, false)), "c", on(pod("c-old", "old", true, false)))), 1, 0, 3);
        assertEquals(List.of("a"), plan.creates());
        assertEquals(List.of(), plan.deletes());
    }

    @Test
    void withSurgeMovesOnOnceANodeIsDone() {
        NodeChanges plan = RollingUpdate.plan(state(Map.of("a", on(pod("a-old", "old", true, true), pod("a-new", "new", true, false)),
                "b", on(pod("b-old", "old", true, false)), "c", on(pod("c-old", "old", true, false)))), 1, 0, 3);
        assertEquals(List.of("b"), plan.creates());
    }

    @Test
    void withSurgeDeletesTheOldPodOnceTheNewOneIsAvailableAndMovesOn() {
        NodeChanges plan = RollingUpdate.plan(state(Map.of("a", on(pod("a-old", "old", true, false), pod("a-new", "new", true, false)),
                "b", on(pod("b-old", "old", true, false)))), 1, 0, 2);
        assertEquals(List.of("a-old"), plan.deletes());
        assertEquals(List.of("b"), plan.creates(), "as upstream, a node whose new pod is available no longer counts against maxSurge");
    }
}
