package io.tinykube.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceType;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Deletions that wait: a pod running on a node gets a grace period for its containers to stop (the
 * node's agent removes it), and a namespace turns Terminating while its content is deleted.
 */
public final class GracefulDeletion {
    private GracefulDeletion() {
    }

    /** For the store's delete: returns the object marked for graceful deletion, or null to decide generically. */
    public static UnaryOperator<ObjectNode> forType(ResourceType type, DeleteOptions options) {
        if (type.group().isEmpty() && type.kind().equals("Pod")) {
            return pod -> pod(pod, options);
        }
        if (type.group().isEmpty() && type.kind().equals("Namespace")) {
            return GracefulDeletion::namespace;
        }
        return null;
    }

    private static ObjectNode pod(ObjectNode pod, DeleteOptions options) {
        if (Json.text(pod, "spec", "nodeName") == null) {
            return null; // never scheduled: nothing runs, so nothing to wait for
        }
        String phase = Json.text(pod, "status", "phase");
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return null;
        }
        long grace = options.gracePeriodSeconds() != null ? options.gracePeriodSeconds()
                : Json.with(pod, "spec").path("terminationGracePeriodSeconds").asLong(30);
        if (grace <= 0) {
            return null;
        }
        ObjectNode metadata = Objects.metadata(pod);
        long current = metadata.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
        if (!metadata.has("deletionTimestamp") || grace < current) {
            metadata.put("deletionTimestamp", Objects.timestamp(Instant.now().plusSeconds(grace)));
            metadata.put("deletionGracePeriodSeconds", grace);
        }
        return pod;
    }

    private static ObjectNode namespace(ObjectNode namespace) {
        JsonNode specFinalizers = Json.at(namespace, "spec", "finalizers");
        if (Objects.isDeleting(namespace) && (specFinalizers == null || specFinalizers.isEmpty())) {
            return null; // emptied and finalized by the namespace controller
        }
        ObjectNode metadata = Objects.metadata(namespace);
        if (!metadata.has("deletionTimestamp")) {
            metadata.put("deletionTimestamp", Objects.timestamp(Instant.now()));
            metadata.put("deletionGracePeriodSeconds", 0);
        }
        Json.with(namespace, "status").put("phase", "Terminating");
        return namespace;
    }
}
