package io.tinykube.server.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.FieldSelector;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceRegistry;
import io.tinykube.server.registry.ResourceType;

/**
 * Namespace lifecycle: a Terminating namespace has every object in it deleted, then its
 * {@code kubernetes} finalizer removed, which removes the namespace.
 */
final class NamespaceController implements Reconciler {
    private final ResourceRegistry registry;

    NamespaceController(ResourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean reconcile(String ignored, String name) {
        GenericStore namespaces = registry.namespaces();
        ObjectNode namespace = namespaces.find(null, name).orElse(null);
        if (namespace == null || !Objects.isDeleting(namespace)) {
            return true;
        }
        int remaining = 0;
        for (ResourceType type : BuiltinResources.all()) {
            if (!type.namespaced() || type.virtual()) {
                continue;
            }
            GenericStore store = registry.require(type.group(), type.version(), type.plural());
            for (ObjectNode object : store.list(name, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0).items()) {
                remaining++;
                if (!Objects.isDeleting(object)) {
                    deleteIgnoringMissing(store, name, Objects.name(object));
                }
            }
        }
        if (remaining > 0) {
            return false;
        }
        JsonNode finalizers = Json.at(namespace, "spec", "finalizers");
        if (finalizers == null || finalizers.isEmpty()) {
            deleteIgnoringMissing(namespaces, null, name);
            return true;
        }
        // With no finalizer left, this update removes the namespace.
        namespaces.update(null, name, current -> {
            ArrayNode kept = Json.array();
            for (JsonNode finalizer : Json.with(current, "spec").withArray("finalizers")) {
                if (!finalizer.asText().equals("kubernetes")) {
                    kept.add(finalizer);
                }
            }
            Json.with(current, "spec").set("finalizers", kept);
            return current;
        }, Part.ALL, false);
        return true;
    }

    private static void deleteIgnoringMissing(GenericStore store, String namespace, String name) {
        try {
            store.delete(namespace, name, new DeleteOptions("Background", null, null, null), false, null);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}
