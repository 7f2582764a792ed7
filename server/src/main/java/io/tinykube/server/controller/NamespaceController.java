package io.tinykube.server.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.api.GracefulDeletion;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.Informer;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Namespace lifecycle: a Terminating namespace has every object in it deleted (pods gracefully, so
 * their nodes stop them), then its {@code kubernetes} finalizer removed, which removes the namespace.
 * Meanwhile its status carries upstream's deletion conditions, saying what remains and why.
 */
final class NamespaceController implements Controller, Reconciler {
    /** Objects with finalizers or grace periods take a while to go: look again this often. */
    static final Duration RECHECK = Duration.ofSeconds(1);
    static final long RESYNC_SECONDS = 60;
    static final String DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";
    static final String PARSING_FAILURE = "NamespaceDeletionGroupVersionParsingFailure";
    static final String CONTENT_FAILURE = "NamespaceDeletionContentFailure";
    static final String CONTENT_REMAINING = "NamespaceContentRemaining";
    static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

    private ResourceRegistry registry;
    private Clock clock;

    /** One condition as upstream's namespace deleter sets it. */
    record Condition(String type, String status, String reason, String message) {
        static Condition ok(String type, String reason, String message) {
            return new Condition(type, "False", reason, message);
        }
    }

    @Override
    public void start(ControllerContext context) {
        registry = context.registry();
        clock = context.clock();
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
        Map<String, Integer> remaining = new TreeMap<>();
        Map<String, Integer> finalizers = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (ResourceType type : BuiltinResources.all()) {
            // versions of one resource share their storage: count it once
            if (!type.namespaced() || type.virtual() || !visited.add(type.group() + "/" + type.plural())) {
                continue;
            }
            try {
                deleteContent(type, name, remaining, finalizers);
            } catch (ApiException e) {
                failures.add(e.getMessage());
            }
        }
        updateConditions(namespaces, name, conditions(remaining, finalizers, failures));
        if (!remaining.isEmpty() || !failures.isEmpty()) {
            return Result.after(RECHECK);
        }
        JsonNode specFinalizers = Json.at(namespace, "spec", "finalizers");
        if (specFinalizers == null || specFinalizers.isEmpty()) {
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

    /** Deletes what of {@code type} is in the namespace and counts what remains, by resource and by finalizer. */
    private void deleteContent(ResourceType type, String namespace, Map<String, Integer> remaining, Map<String, Integer> finalizers) {
        GenericStore store = registry.require(type.group(), type.version(), type.plural());
        DeleteOptions options = new DeleteOptions("Background", null, null, null);
        for (ObjectNode object : store.list(namespace, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0).items()) {
            ObjectNode left = object;
            if (!Objects.isDeleting(object)) {
                try {
                    GenericStore.Deletion deletion = store.delete(namespace, Objects.name(object), options, false,
                            GracefulDeletion.forType(type, options));
                    left = deletion.deleted() ? null : deletion.object();
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                    left = null;
                }
            }
            if (left != null) {
                remaining.merge(type.plural() + "." + type.group(), 1, Integer::sum);
                JsonNode names = Json.at(left, "metadata", "finalizers");
                if (names != null) {
                    names.forEach(finalizer -> finalizers.merge(finalizer.asText(), 1, Integer::sum));
                }
            }
        }
    }

    /** Upstream's five conditions: the failing ones as they fail, the others in their "ok" form. */
    static List<Condition> conditions(Map<String, Integer> remaining, Map<String, Integer> finalizers, List<String> failures) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(Condition.ok(DISCOVERY_FAILURE, "ResourcesDiscovered", "All resources successfully discovered"));
        conditions.add(Condition.ok(PARSING_FAILURE, "ParsedGroupVersions", "All legacy kube types successfully parsed"));
        if (failures.isEmpty()) {
            conditions.add(Condition.ok(CONTENT_FAILURE, "ContentDeleted", "All content successfully deleted, may be waiting on finalization"));
        } else {
            List<String> sorted = new ArrayList<>(failures);
            sorted.sort(null);
            conditions.add(new Condition(CONTENT_FAILURE, "True", "ContentDeletionFailed",
                    "Failed to delete all resource types, " + failures.size() + " remaining: " + String.join(", ", sorted)));
        }
        if (remaining.isEmpty()) {
            conditions.add(Condition.ok(CONTENT_REMAINING, "ContentRemoved", "All content successfully removed"));
        } else {
            List<String> parts = new ArrayList<>();
            remaining.forEach((resource, count) -> parts.add(resource + " has " + count + " resource instances"));
            parts.sort(null);
            conditions.add(new Condition(CONTENT_REMAINING, "True", "SomeResourcesRemain", "Some resources are remaining: " + String.join(", ", parts)));
        }
        if (finalizers.isEmpty()) {
            conditions.add(Condition.ok(FINALIZERS_REMAINING, "ContentHasNoFinalizers", "All content-preserving finalizers finished"));
        } else {
            List<String> parts = new ArrayList<>();
            finalizers.forEach((finalizer, count) -> parts.add(finalizer + " in " + count + " resource instances"));
            parts.sort(null);
            conditions.add(new Condition(FINALIZERS_REMAINING, "True", "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: " + String.join(", ", parts)));
        }
        return conditions;
    }

    /** Writes the conditions when one differs; a condition's transition time moves only when its status does. */
    private void updateConditions(GenericStore namespaces, String name, List<Condition> conditions) {
        try {
            namespaces.update(null, name, current -> {
                ArrayNode list = Json.with(current, "status").withArray("conditions");
                for (Condition condition : conditions) {
                    ObjectNode existing = null;
                    for (JsonNode item : list) {
                        if (condition.type().equals(item.path("type").asText())) {
                            existing = (ObjectNode) item;
                        }
                    }
                    if (existing == null) {
                        existing = list.addObject().put("type", condition.type());
                    }
                    if (!condition.status().equals(existing.path("status").asText()) || !existing.has("lastTransitionTime")) {
                        existing.put("lastTransitionTime", Objects.timestamp(clock.instant()));
                    }
                    existing.put("status", condition.status()).put("reason", condition.reason()).put("message", condition.message());
                }
                return current;
            }, Part.STATUS, false);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
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
