package io.tinykube.server.controller.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who depends on whom, by uid. Only objects that name owners, or that wait for the collector as
 * owners (deleting with the {@code foregroundDeletion} or {@code orphan} finalizer), have a node:
 * an owner nobody waits on needs none, since its dependents' references carry its uid. So the graph
 * grows with the objects that have ownerReferences and holds a few strings each, not the objects.
 */
final class DependencyGraph {
    static final String FOREGROUND = "foregroundDeletion";
    static final String ORPHAN = "orphan";

    /** One ownerReference. */
    record Owner(String apiVersion, String kind, String name, String uid, boolean blockOwnerDeletion) {
    }

    /** An object the collector looks after: its identity and its owners. */
    record Node(ResourceType type, String namespace, String name, String uid, List<Owner> owners) {
    }

    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, Set<String>> dependents = new HashMap<>();

    /** Records an object as it now is; returns the uids whose handling this change may affect. */
    synchronized Set<String> observe(ResourceType type, ObjectNode object) {
        String uid = Json.text(object, "metadata", "uid");
        List<Owner> owners = owners(object);
        boolean waitsForCollector = Objects.isDeleting(object) && (hasFinalizer(object, FOREGROUND) || hasFinalizer(object, ORPHAN));
        Node old = nodes.get(uid);
        Set<String> affected = new HashSet<>();
        if (owners.isEmpty() && !waitsForCollector) {
            if (old != null) {
                forget(uid);
                old.owners().forEach(owner -> affected.add(owner.uid()));
            }
            return affected;
        }
        Node node = new Node(type, Objects.namespace(object), Objects.name(object), uid, owners);
        nodes.put(uid, node);
        if (old == null || !old.owners().equals(owners)) {
            if (old != null) {
                unlink(old);
                old.owners().forEach(owner -> affected.add(owner.uid())); // a dropped blocking reference may free an owner
            }
            owners.forEach(owner -> dependents.computeIfAbsent(owner.uid(), k -> new HashSet<>()).add(uid));
            affected.add(uid);
        }
        if (waitsForCollector) {
            affected.add(uid);
        }
        return affected;
    }

    /** Forgets a deleted object; returns its dependents (their owner is gone) and its owners (one may wait on it). */
    synchronized Set<String> removed(ObjectNode last) {
        String uid = Json.text(last, "metadata", "uid");
        Set<String> affected = new HashSet<>(dependents.getOrDefault(uid, Set.of()));
        Node old = forget(uid);
        if (old != null) {
            old.owners().forEach(owner -> affected.add(owner.uid()));
        }
        return affected;
    }

    /** After a relist of {@code type}: forgets its nodes whose uids were not seen, as deletions. */
    synchronized Set<String> retainSeen(ResourceType type, Set<String> seen) {
        Set<String> affected = new HashSet<>();
        for (Node node : new ArrayList<>(nodes.values())) {
            if (node.type().equals(type) && !seen.contains(node.uid())) {
                affected.addAll(dependents.getOrDefault(node.uid(), Set.of()));
                forget(node.uid());
                node.owners().forEach(owner -> affected.add(owner.uid()));
            }
        }
        return affected;
    }

    synchronized Node node(String uid) {
        return nodes.get(uid);
    }

    /** The known dependents of {@code ownerUid}. */
    synchronized List<Node> dependents(String ownerUid) {
        List<Node> found = new ArrayList<>();
        for (String uid : dependents.getOrDefault(ownerUid, Set.of())) {
            Node node = nodes.get(uid);
            if (node != null) {
                found.add(node);
            }
        }
        return found;
    }

    synchronized Collection<String> uids() {
        return new ArrayList<>(nodes.keySet());
    }

    synchronized int size() {
        return nodes.size();
    }

    private Node forget(String uid) {
        Node old = nodes.remove(uid);
        if (old != null) {
            unlink(old);
        }
        return old;
    }

    private void unlink(Node node) {
        for (Owner owner : node.owners()) {
            Set<String> set = dependents.get(owner.uid());
            if (set != null) {
                set.remove(node.uid());
                if (set.isEmpty()) {
                    dependents.remove(owner.uid());
                }
            }
        }
    }

    static List<Owner> owners(JsonNode object) {
        JsonNode references = Json.at(object, "metadata", "ownerReferences");
        if (references == null || !references.isArray() || references.isEmpty()) {
            return List.of();
        }
        List<Owner> owners = new ArrayList<>(references.size());
        for (JsonNode reference : references) {
            owners.add(new Owner(reference.path("apiVersion").asText(), reference.path("kind").asText(), reference.path("name").asText(),
                    reference.path("uid").asText(), reference.path("blockOwnerDeletion").asBoolean(false)));
        }
        return owners;
    }

    static boolean hasFinalizer(JsonNode object, String finalizer) {
        JsonNode finalizers = Json.at(object, "metadata", "finalizers");
        if (finalizers != null) {
            for (JsonNode item : finalizers) {
                if (item.asText().equals(finalizer)) {
                    return true;
                }
            }
        }
        return false;
    }
}
