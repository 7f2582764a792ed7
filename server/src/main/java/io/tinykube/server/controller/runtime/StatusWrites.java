package io.tinykube.server.controller.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;

/** The status write every controller makes: only when it changed (flash wear), and never an error for an object already gone. */
public final class StatusWrites {
    private StatusWrites() {
    }

    /** Replaces {@code object}'s status with {@code status} unless they are the same; returns whether it wrote. */
    public static boolean replace(GenericStore store, ObjectNode object, ObjectNode status) {
        JsonNode old = object.has("status") ? object.get("status") : Json.object();
        if (Json.sameJson(old, status)) {
            return false;
        }
        try {
            store.update(Objects.namespace(object), Objects.name(object), current -> {
                current.set("status", status);
                return current;
            }, Part.STATUS, false);
            return true;
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
            return false;
        }
    }
}
