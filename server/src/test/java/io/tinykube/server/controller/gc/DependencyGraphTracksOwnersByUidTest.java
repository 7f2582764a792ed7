package io.tinykube.server.controller.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.ResourceType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The collector's graph keeps objects that name owners (and owners waiting on it), linked by uid, and nothing else. */
class DependencyGraphTracksOwnersByUidTest {
    private static final ResourceType CONFIGMAPS = BuiltinResources.all().stream().filter(t -> t.plural().equals("configmaps")).findFirst().orElseThrow();

    private final DependencyGraph graph = new DependencyGraph();

    @Test
    void objectsWithoutOwnersAreNotKept() {
        assertEquals(Set.of(), graph.observe(CONFIGMAPS, object("plain", "u-plain")));
        assertEquals(0, graph.size());
    }

    @Test
    void aNewDependentIsLinkedToItsOwnersAndLookedAt() {
        assertEquals(Set.of("u-dep"), graph.observe(CONFIGMAPS, object("dep", "u-dep", "u-owner-1", "u-owner-2")));
        assertEquals(List.of("dep"), graph.dependents("u-owner-1").stream().map(DependencyGraph.Node::name).toList());
        assertEquals(List.of("dep"), graph.dependents("u-owner-2").stream().map(DependencyGraph.Node::name).toList());
        // the same owners again (a status change): nothing to look at
        assertEquals(Set.of(), graph.observe(CONFIGMAPS, object("dep", "u-dep", "u-owner-1", "u-owner-2")));
    }

    @Test
    void droppingAReferenceUnlinksItAndWakesTheFormerOwner() {
        graph.observe(CONFIGMAPS, object("dep", "u-dep", "u-owner-1", "u-owner-2"));
        Set<String> affected = graph.observe(CONFIGMAPS, object("dep", "u-dep", "u-owner-2"));
        assertTrue(affected.containsAll(Set.of("u-dep", "u-owner-1")), affected.toString());
        assertTrue(graph.dependents("u-owner-1").isEmpty());
        assertEquals(Set.of("u-owner-2"), graph.observe(CONFIGMAPS, object("dep", "u-dep")));
        assertNull(graph.node("u-dep"));
    }

    @Test
    void aDeletedOwnerWakesItsDependentsAndADeletedDependentItsOwners() {
        graph.observe(CONFIGMAPS, object("dep", "u-dep", "u-owner"));
        assertEquals(Set.of("u-dep"), graph.removed(object("owner", "u-owner")));
        assertEquals(Set.of("u-owner"), graph.removed(object("dep", "u-dep", "u-owner")));
        assertEquals(0, graph.size());
    }

    @Test
    void anOwnerDeletingInTheForegroundIsKeptUntilItsFinalizerGoes() {
        ObjectNode owner = object("owner", "u-owner");
        owner.with("metadata").put("deletionTimestamp", "2026-01-01T00:00:00Z").putArray("finalizers").add("foregroundDeletion");
        assertEquals(Set.of("u-owner"), graph.observe(CONFIGMAPS, owner));
        assertEquals("owner", graph.node("u-owner").name());
        owner.with("metadata").putArray("finalizers");
        graph.observe(CONFIGMAPS, owner);
        assertNull(graph.node("u-owner"));
    }

    @Test
    void aRelistForgetsWhatWasNotSeen() {
        graph.observe(CONFIGMAPS, object("kept", "u-kept", "u-owner"));
        graph.observe(CONFIGMAPS, object("gone", "u-gone", "u-owner"));
        assertEquals(Set.of("u-owner"), graph.retainSeen(CONFIGMAPS, Set.of("u-kept")));
        assertNull(graph.node("u-gone"));
        assertEquals(1, graph.size());
    }

    private static ObjectNode object(String name, String uid, String... owners) {
        ObjectNode object = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = object.putObject("metadata").put("name", name).put("namespace", "ns").put("uid", uid);
        for (String owner : owners) {
            metadata.withArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "ConfigMap").put("name", "o-" + owner)
                    .put("uid", owner).put("blockOwnerDeletion", true);
        }
        return object;
    }
}
