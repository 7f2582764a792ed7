package io.tinykube.server.controller.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.api.GracefulDeletion;
import io.tinykube.server.controller.gc.DependencyGraph.Node;
import io.tinykube.server.controller.gc.DependencyGraph.Owner;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.ControllerRunner;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceRegistry;
import io.tinykube.server.registry.ResourceType;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The garbage collector, after upstream's pkg/controller/garbagecollector: deletes objects whose
 * owners are all gone (background cascading), holds an owner deleted in the foreground until its
 * blocking dependents are gone, and unlinks the dependents of an owner deleted with orphaning.
 *
 * <p>Design: every stored resource is followed, since any object may name owners. The resources that
 * controllers cache anyway (pods, workloads, services, endpoint slices...) are followed through the
 * shared informers; all others through a {@link MetadataFeed} that keeps nothing. What the collector
 * itself keeps is the {@link DependencyGraph}: for each object with ownerReferences its identity and
 * owners, and owner uid → dependent uids; never the objects. Whether an owner exists is read from the
 * informer cache when its resource is cached, else from the store by name, and checked by uid (an owner
 * recreated under the same name is another owner). The work queue is keyed by uid.
 */
public final class GarbageCollector implements Controller, Reconciler {
    /** Resources other controllers cache: following them through the shared informers costs no extra heap. */
    static final Set<String> CACHED = Set.of("/pods", "/services", "/endpoints", "/nodes", "/namespaces", "apps/replicasets",
            "apps/deployments", "apps/statefulsets", "apps/daemonsets", "apps/controllerrevisions", "batch/jobs", "batch/cronjobs",
            "discovery.k8s.io/endpointslices");
    /** While dependents are going, look at a waiting owner again this often even without events. */
    static final Duration WAITING_RECHECK = Duration.ofSeconds(10);

    private final Duration resync;
    private final DependencyGraph graph = new DependencyGraph();
    private final Map<String, Informer> informers = new HashMap<>();
    private ResourceRegistry registry;
    private ControllerRunner runner;
    private volatile boolean synced;

    public GarbageCollector(Duration resync) {
        this.resync = resync;
    }

    @Override
    public void start(ControllerContext context) {
        registry = context.registry();
        runner = context.runner("garbagecollector", this);
        Set<String> followed = new HashSet<>();
        for (ResourceType type : BuiltinResources.all()) {
            String resource = resource(type);
            // versions of one resource share their storage: follow it once
            if (type.virtual() || !followed.add(resource)) {
                continue;
            }
            Informer.Handler handler = handler(type);
            if (CACHED.contains(resource)) {
                Informer informer = context.informers().get(type.group(), type.version(), type.plural());
                informers.put(resource, informer);
                informer.addHandler(handler);
            } else {
                MetadataFeed feed = new MetadataFeed(context.store(type.group(), type.version(), type.plural()), handler,
                        seen -> graph.retainSeen(type, seen).forEach(runner::enqueue), context.executor());
                feed.start();
                context.onStop(feed::close);
            }
        }
        synced = true;
        long seconds = Math.max(1, resync.toSeconds());
        context.executor().scheduleWithFixedDelay(() -> graph.uids().forEach(runner::enqueue), seconds, seconds, TimeUnit.SECONDS);
    }

    private Informer.Handler handler(ResourceType type) {
        return new Informer.Handler() {
            @Override
            public void onAdd(ObjectNode object) {
                graph.observe(type, object).forEach(runner::enqueue);
            }

            @Override
            public void onUpdate(ObjectNode old, ObjectNode current) {
                onAdd(current);
            }

            @Override
            public void onDelete(ObjectNode last) {
                graph.removed(last).forEach(runner::enqueue);
            }
        };
    }

    @Override
    public Result reconcile(String ignored, String uid) {
        if (!synced) {
            return Result.after(Duration.ofSeconds(1)); // owners not yet seen would look dangling
        }
        Node node = graph.node(uid);
        if (node == null) {
            return Result.DONE;
        }
        GenericStore store = store(node.type());
        ObjectNode live = read(node.type(), node.namespace(), node.name());
        if (live == null || !uid.equals(Json.text(live, "metadata", "uid"))) {
            return Result.DONE; // gone or replaced: its deletion event does the rest
        }
        if (Objects.isDeleting(live)) {
            if (DependencyGraph.hasFinalizer(live, DependencyGraph.ORPHAN)) {
                return orphanDependents(node, store);
            }
            if (DependencyGraph.hasFinalizer(live, DependencyGraph.FOREGROUND)) {
                return deleteDependentsFirst(node, store);
            }
            return Result.DONE; // on its way out: its dependents are looked at when it is gone
        }
        return collectIfOwnerless(node, store, live);
    }

    /** Orphan propagation: every dependent loses its reference to this owner, then the {@code orphan} finalizer goes. */
    private Result orphanDependents(Node owner, GenericStore store) {
        for (Node dependent : graph.dependents(owner.uid())) {
            removeOwnerReferences(dependent, Set.of(owner.uid()));
        }
        removeFinalizer(owner, store, DependencyGraph.ORPHAN);
        return Result.DONE;
    }

    /** Foreground propagation: dependents are deleted; the owner stays until none blocks it. */
    private Result deleteDependentsFirst(Node owner, GenericStore store) {
        boolean blocked = false;
        for (Node dependent : graph.dependents(owner.uid())) {
            runner.enqueue(dependent.uid());
            for (Owner reference : dependent.owners()) {
                blocked |= reference.uid().equals(owner.uid()) && reference.blockOwnerDeletion();
            }
        }
        if (blocked) {
            return Result.after(WAITING_RECHECK);
        }
        removeFinalizer(owner, store, DependencyGraph.FOREGROUND);
        return Result.DONE;
    }

    /** A dependent: deleted when no owner remains, unlinked from the missing ones when some do. */
    private Result collectIfOwnerless(Node node, GenericStore store, ObjectNode live) {
        List<Owner> owners = DependencyGraph.owners(live);
        if (owners.isEmpty()) {
            return Result.DONE;
        }
        Set<String> dangling = new HashSet<>();
        Set<String> waiting = new HashSet<>();
        boolean solid = false;
        for (Owner owner : owners) {
            switch (ownerState(node, owner)) {
                case ABSENT -> dangling.add(owner.uid());
                case DELETING_DEPENDENTS -> waiting.add(owner.uid());
                default -> solid = true;
            }
        }
        if (dangling.isEmpty() && waiting.isEmpty()) {
            return Result.DONE;
        }
        if (solid) {
            // Leaving a reference to a waiting owner would hold that owner forever.
            Set<String> drop = new HashSet<>(dangling);
            drop.addAll(waiting);
            removeOwnerReferences(node, drop);
            return Result.DONE;
        }
        String policy;
        if (!waiting.isEmpty() && !graph.dependents(node.uid()).isEmpty()) {
            policy = "Foreground"; // so that a chain goes bottom-up
        } else if (DependencyGraph.hasFinalizer(live, DependencyGraph.ORPHAN)) {
            policy = "Orphan";
        } else if (DependencyGraph.hasFinalizer(live, DependencyGraph.FOREGROUND)) {
            policy = "Foreground";
        } else {
            policy = "Background";
        }
        // The object as checked, or nothing: a cached copy may be behind a new owner.
        DeleteOptions options = new DeleteOptions(policy, null, node.uid(), Json.text(live, "metadata", "resourceVersion"));
        try {
            store.delete(node.namespace(), node.name(), options, false, GracefulDeletion.forType(store.type(), options));
        } catch (ApiException e) {
            if (e.code() == 409) {
                return Result.RETRY;
            }
            if (e.code() != 404) {
                throw e;
            }
        }
        return Result.DONE;
    }

    private enum OwnerState { PRESENT, ABSENT, DELETING_DEPENDENTS, UNKNOWN_KIND }

    private OwnerState ownerState(Node dependent, Owner owner) {
        ResourceType type = resolve(owner);
        if (type == null) {
            return OwnerState.UNKNOWN_KIND; // never collect for a kind this server does not serve
        }
        if (type.namespaced() && dependent.namespace() == null) {
            return OwnerState.ABSENT; // a cluster-scoped object cannot be owned by a namespaced one
        }
        String namespace = type.namespaced() ? dependent.namespace() : null;
        ObjectNode found = read(type, namespace, owner.name());
        if (found != null && !owner.uid().equals(Json.text(found, "metadata", "uid")) && informers.containsKey(resource(type))) {
            found = store(type).find(namespace, owner.name()).orElse(null); // the cache may lag behind a new owner
        }
        if (found == null || !owner.uid().equals(Json.text(found, "metadata", "uid"))) {
            return OwnerState.ABSENT;
        }
        return Objects.isDeleting(found) && DependencyGraph.hasFinalizer(found, DependencyGraph.FOREGROUND)
                ? OwnerState.DELETING_DEPENDENTS : OwnerState.PRESENT;
    }

    /** The served resource of an ownerReference's apiVersion and kind; any served version of its group will do. */
    static ResourceType resolve(Owner owner) {
        String apiVersion = owner.apiVersion();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        ResourceType any = null;
        for (ResourceType type : BuiltinResources.all()) {
            if (!type.virtual() && type.group().equals(group) && type.kind().equals(owner.kind())) {
                if (type.apiVersion().equals(apiVersion)) {
                    return type;
                }
                any = any == null ? type : any;
            }
        }
        return any;
    }

    private void removeOwnerReferences(Node node, Set<String> uids) {
        try {
            store(node.type()).update(node.namespace(), node.name(), current -> {
                if (!node.uid().equals(Json.text(current, "metadata", "uid"))) {
                    return current;
                }
                JsonNode references = Json.at(current, "metadata", "ownerReferences");
                if (references == null) {
                    return current;
                }
                ArrayNode kept = Json.array();
                for (JsonNode reference : references) {
                    if (!uids.contains(reference.path("uid").asText())) {
                        kept.add(reference);
                    }
                }
                if (kept.isEmpty()) {
                    Objects.metadata(current).remove("ownerReferences");
                } else {
                    Objects.metadata(current).set("ownerReferences", kept);
                }
                return current;
            }, Part.ALL, false);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private void removeFinalizer(Node node, GenericStore store, String finalizer) {
        try {
            store.update(node.namespace(), node.name(), current -> {
                if (!node.uid().equals(Json.text(current, "metadata", "uid"))) {
                    return current;
                }
                ArrayNode kept = Json.array();
                for (JsonNode item : Objects.metadata(current).withArray("finalizers")) {
                    if (!item.asText().equals(finalizer)) {
                        kept.add(item);
                    }
                }
                Objects.metadata(current).set("finalizers", kept);
                return current;
            }, Part.ALL, false);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** An object from the shared cache when its resource is cached, else from the store. */
    private ObjectNode read(ResourceType type, String namespace, String name) {
        Informer informer = informers.get(resource(type));
        if (informer != null) {
            ObjectNode cached = informer.get(namespace, name).orElse(null);
            if (cached != null) {
                return cached;
            }
        }
        return store(type).find(namespace, name).orElse(null);
    }

    private static String resource(ResourceType type) {
        return type.group() + "/" + type.plural();
    }

    private GenericStore store(ResourceType type) {
        return registry.require(type.group(), type.version(), type.plural());
    }
}
