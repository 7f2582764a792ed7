package io.tinykube.server.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
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
import java.time.Duration;

/**
 * Namespace lifecycle: a Terminating namespace has every object in it deleted, then its
 * {@code kubernetes} finalizer removed, which removes the namespace.
 */
final class NamespaceController implements Controller, Reconciler {
    /** Objects with finalizers or grace periods take a while to go: look again this often. */
    static final Duration RECHECK = Duration.ofSeconds(1);
    static final long RESYNC_SECONDS = 60;
    private ResourceRegistry registry;

    @Override
    public void start(ControllerContext context) {
        registry = context.registry();
        Informer namespaces = context.informers().namespaces();
        context.runner("namespace", this).watch(namespaces, Objects::isDeleting).resync(namespaces, RESYNC_SECONDS);
    }

    @Override
    public Result reconcile(String ignored, String name) {
        GenericStore namespaces = registry.namespaces();
        ObjectNode namespace = namespaces.find(null, name).orElse(null);
        if (namespace == null || !Objects.isDeleting(namespace)) {
            return Result.DONE;
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
            return Result.after(RECHECK);
        }
        JsonNode finalizers = Json.at(namespace, "spec", "finalizers");
        if (finalizers == null || finalizers.isEmpty()) {
            deleteIgnoringMissing(namespaces, null, name);
            return Result.DONE;
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
        return Result.DONE;
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
