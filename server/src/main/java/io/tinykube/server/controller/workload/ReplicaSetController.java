package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.api.GracefulDeletion;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.ControllerRunner;
import io.tinykube.server.controller.runtime.EventRecorder;
import io.tinykube.server.controller.runtime.Expectations;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the number of active pods of a ReplicaSet (or ReplicationController) at spec.replicas, as
 * upstream's pkg/controller/replicaset: adopts matching orphans and releases owned pods that stopped
 * matching, creates in slow-start batches under expectations (so a lagging cache never causes
 * duplicates), deletes the least useful pods first, and reports replica counts and failures in status.
 */
public final class ReplicaSetController implements Controller, Reconciler {
    /** At most this many pods created or deleted per sync (upstream's BurstReplicas). */
    static final int BURST_REPLICAS = 500;
    static final int SLOW_START_INITIAL_BATCH = 1;
    static final String REPLICA_FAILURE = "ReplicaFailure";

    private final ReplicaSetKind kind;
    private final long resyncSeconds;
    private final Expectations expectations = new Expectations();
    private Informer sets;
    private Informer pods;
    private GenericStore setStore;
    private GenericStore podStore;
    private EventRecorder events;
    private ControllerRunner runner;
    private Clock clock;

    ReplicaSetController(ReplicaSetKind kind, Duration resync) {
        this.kind = kind;
        this.resyncSeconds = Math.max(1, resync.toSeconds());
    }

    public static ReplicaSetController replicaSets(Duration resync) {
        return new ReplicaSetController(ReplicaSetKind.REPLICA_SET, resync);
    }

    public static ReplicaSetController replicationControllers(Duration resync) {
        return new ReplicaSetController(ReplicaSetKind.REPLICATION_CONTROLLER, resync);
    }

    @Override
    public void start(ControllerContext context) {
        clock = context.clock();
        setStore = context.store(kind.group(), kind.version(), kind.plural());
        podStore = context.store("", "v1", "pods");
        events = context.events(kind.component());
        sets = context.informers().get(kind.group(), kind.version(), kind.plural());
        pods = context.informers().pods();
        pods.addIndexer(Owners.BY_CONTROLLER_UID, Owners.CONTROLLER_UID_INDEXER);
        sets.addIndexer(Owners.BY_CONTROLLER_UID, Owners.CONTROLLER_UID_INDEXER);
        runner = context.runner(kind.plural(), this).watch(sets, set -> true).resync(sets, resyncSeconds);
        pods.addHandler(new PodEvents());
    }

    /** Pod changes: count what expectations wait for, and wake the owner (or, for orphans, every set that selects them). */
    private final class PodEvents implements Informer.Handler {
        @Override
        public void onAdd(ObjectNode pod) {
            String owner = ownerKey(pod);
            if (owner == null) {
                enqueueSelecting(pod);
                return;
            }
            if (Objects.isDeleting(pod)) {
                expectations.deletionObserved(owner);
            } else {
                expectations.creationObserved(owner);
            }
            runner.enqueue(owner);
        }

        @Override
        public void onUpdate(ObjectNode old, ObjectNode current) {
            String oldOwner = ownerKey(old);
            String owner = ownerKey(current);
            if (owner != null && Objects.isDeleting(current) && !Objects.isDeleting(old)) {
                expectations.deletionObserved(owner);
            }
            if (oldOwner != null && !oldOwner.equals(owner)) {
                runner.enqueue(oldOwner);
            }
            if (owner == null) {
                if (!Objects.labels(old).equals(Objects.labels(current)) || oldOwner != null) {
                    enqueueSelecting(current);
                }
                return;
            }
            runner.enqueue(owner);
            if (!Pods.isReady(old) && Pods.isReady(current)) {
                // availability comes minReadySeconds after readiness: look again then
                sets.get(Objects.namespace(current), Owners.controllerOf(current).path("name").asText()).ifPresent(set -> {
                    int minReady = set.path("spec").path("minReadySeconds").asInt(0);
                    if (minReady > 0) {
                        runner.enqueueAfter(owner, (minReady + 1) * 1000L);
                    }
                });
            }
        }

        @Override
        public void onDelete(ObjectNode last) {
            String owner = ownerKey(last);
            if (owner == null) {
                return;
            }
            if (!Objects.isDeleting(last)) {
                expectations.deletionObserved(owner);
            }
            runner.enqueue(owner);
        }
    }

    /** The key of the set of our kind controlling the pod, or null. */
    private String ownerKey(ObjectNode pod) {
        ObjectNode ref = Owners.controllerOf(pod);
        if (ref == null || !kind.kind().equals(ref.path("kind").asText()) || !kind.apiVersion().equals(ref.path("apiVersion").asText())) {
            return null;
        }
        return Informer.key(Objects.namespace(pod), ref.path("name").asText());
    }

    private void enqueueSelecting(ObjectNode pod) {
        if (Objects.isDeleting(pod)) {
            return;
        }
        JsonNode labels = Json.at(pod, "metadata", "labels");
        for (ObjectNode set : sets.list(Objects.namespace(pod))) {
            if (kind.selects(set, labels)) {
                runner.enqueue(Informer.key(set));
            }
        }
    }

    @Override
    public Result reconcile(String namespace, String name) {
        String key = Informer.key(namespace, name);
        ObjectNode set = sets.get(namespace, name).orElse(null);
        if (set == null) {
            expectations.forget(key);
            return Result.DONE;
        }
        boolean needsSync = expectations.satisfied(key);
        List<ObjectNode> active = claimPods(set);
        ApiException manageError = null;
        if (needsSync && !Objects.isDeleting(set)) {
            try {
                manageReplicas(key, set, active);
            } catch (ApiException e) {
                manageError = e;
            }
        }
        Instant now = clock.instant();
        ObjectNode status = status(set, active, manageError, now);
        if (!Json.sameJson(status, set.path("status"))) {
            setStore.update(namespace, name, current -> {
                Objects.metadata(current).remove("resourceVersion"); // no precondition: the store retries concurrent writes
                current.set("status", status);
                return current;
            }, Part.STATUS, false);
        }
        if (manageError != null) {
            return Result.RETRY;
        }
        Duration untilAvailable = untilNextAvailable(set, active, now);
        return untilAvailable == null ? Result.DONE : Result.after(untilAvailable);
    }

    /** The active pods this set controls, after adopting matching orphans and releasing owned pods that no longer match. */
    private List<ObjectNode> claimPods(ObjectNode set) {
        String uid = Json.text(set, "metadata", "uid");
        boolean deleting = Objects.isDeleting(set);
        List<ObjectNode> claimed = new ArrayList<>();
        Boolean canAdopt = null;
        for (ObjectNode pod : pods.list(Objects.namespace(set))) {
            if (!Pods.isActive(pod)) {
                continue;
            }
            boolean matches = kind.selects(set, Json.at(pod, "metadata", "labels"));
            ObjectNode ref = Owners.controllerOf(pod);
            if (ref != null) {
                if (!uid.equals(ref.path("uid").asText())) {
                    continue;
                }
                if (matches) {
                    claimed.add(pod);
                } else if (!deleting) {
                    updatePod(pod, current -> Owners.release(current, uid));
                }
                continue;
            }
            if (deleting || !matches) {
                continue;
            }
            if (canAdopt == null) {
                // adopt only for a set that still exists as cached, not a deleted and recreated namesake
                canAdopt = setStore.find(Objects.namespace(set), Objects.name(set))
                        .map(fresh -> uid.equals(Json.text(fresh, "metadata", "uid")) && !Objects.isDeleting(fresh)).orElse(false);
            }
            if (canAdopt) {
                ObjectNode controllerRef = Owners.controllerRef(set, kind.apiVersion(), kind.kind());
                ObjectNode adopted = updatePod(pod, current -> Owners.adopt(current, controllerRef));
                if (adopted != null && Owners.controlledBy(adopted, set)) {
                    claimed.add(adopted);
                }
            }
        }
        return claimed;
    }

    private ObjectNode updatePod(ObjectNode pod, java.util.function.UnaryOperator<ObjectNode> change) {
        String podUid = Json.text(pod, "metadata", "uid");
        try {
            return podStore.update(Objects.namespace(pod), Objects.name(pod), current -> {
                if (!podUid.equals(Json.text(current, "metadata", "uid"))) {
                    throw ApiException.notFound(podStore.type(), Objects.name(pod));
                }
                Objects.metadata(current).remove("resourceVersion"); // no precondition: the store retries concurrent writes
                return change.apply(current);
            }, Part.MAIN, false);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    private void manageReplicas(String key, ObjectNode set, List<ObjectNode> active) {
        int replicas = set.path("spec").path("replicas").asInt(1);
        int diff = active.size() - replicas;
        if (diff < 0) {
            int wanted = Math.min(-diff, BURST_REPLICAS);
            expectations.expect(key, wanted, 0);
            int created = 0;
            try {
                for (int batch = Math.min(wanted, SLOW_START_INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, wanted - created)) {
                    ApiException failure = null;
                    for (int i = 0; i < batch; i++) {
                        try {
                            createPod(set);
                            created++;
                        } catch (ApiException e) {
                            failure = failure == null ? e : failure;
                        }
                    }
                    if (failure != null) {
                        throw failure;
                    }
                }
            } finally {
                // pods never created will never be observed
                for (int skipped = wanted - created; skipped > 0; skipped--) {
                    expectations.creationObserved(key);
                }
            }
        } else if (diff > 0) {
            int surplus = Math.min(diff, BURST_REPLICAS);
            List<ObjectNode> ranked = new ArrayList<>(active);
            ranked.sort(new DeletionRanking(podsPerNode(set, active), clock.instant()));
            expectations.expect(key, 0, surplus);
            ApiException failure = null;
            for (ObjectNode pod : ranked.subList(0, surplus)) {
                try {
                    deletePod(set, pod);
                } catch (ApiException e) {
                    expectations.deletionObserved(key);
                    if (e.code() != 404) {
                        failure = failure == null ? e : failure;
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void createPod(ObjectNode set) {
        ObjectNode template = (ObjectNode) set.path("spec").path("template");
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = Objects.metadata(pod);
        metadata.put("generateName", Objects.name(set) + "-");
        for (String field : new String[] {"labels", "annotations", "finalizers"}) {
            JsonNode value = Json.at(template, "metadata", field);
            if (value != null) {
                metadata.set(field, value.deepCopy());
            }
        }
        metadata.putArray("ownerReferences").add(Owners.controllerRef(set, kind.apiVersion(), kind.kind()));
        JsonNode spec = template.get("spec");
        pod.set("spec", spec == null ? Json.object() : spec.deepCopy());
        ObjectNode created;
        try {
            created = podStore.create(Objects.namespace(set), pod, false);
        } catch (ApiException e) {
            events.warning(set, "FailedCreate", "Error creating: " + e.getMessage());
            throw e;
        }
        events.normal(set, "SuccessfulCreate", "Created pod: " + Objects.name(created));
    }

    private void deletePod(ObjectNode set, ObjectNode pod) {
        DeleteOptions options = new DeleteOptions(null, null, Json.text(pod, "metadata", "uid"), null);
        try {
            podStore.delete(Objects.namespace(pod), Objects.name(pod), options, false, GracefulDeletion.forType(podStore.type(), options));
        } catch (ApiException e) {
            if (e.code() != 404) {
                events.warning(set, "FailedDelete", "Error deleting: " + e.getMessage());
            }
            throw e;
        }
        events.normal(set, "SuccessfulDelete", "Deleted pod: " + Objects.name(pod));
    }

    /**
     * Pods per node among the pods related to this set (its own, and those of sets with the same
     * controller, e.g. the other ReplicaSets of a Deployment), for spreading what remains.
     */
    private Map<String, Integer> podsPerNode(ObjectNode set, List<ObjectNode> active) {
        List<ObjectNode> related = new ArrayList<>(active);
        ObjectNode owner = Owners.controllerOf(set);
        if (owner != null) {
            related.clear();
            for (ObjectNode sibling : sets.byIndex(Owners.BY_CONTROLLER_UID, owner.path("uid").asText())) {
                related.addAll(pods.byIndex(Owners.BY_CONTROLLER_UID, Json.text(sibling, "metadata", "uid")));
            }
        }
        Map<String, Integer> perNode = new HashMap<>();
        for (ObjectNode pod : related) {
            String node = Json.text(pod, "spec", "nodeName");
            if (node != null && Pods.isActive(pod)) {
                perNode.merge(node, 1, Integer::sum);
            }
        }
        return perNode;
    }

    private ObjectNode status(ObjectNode set, List<ObjectNode> active, ApiException manageError, Instant now) {
        JsonNode old = set.path("status");
        ObjectNode status = old.isObject() ? ((ObjectNode) old).deepCopy() : Json.object();
        JsonNode templateLabels = Json.at(set, "spec", "template", "metadata", "labels");
        Map<String, String> wanted = Objects.stringMap(templateLabels);
        int minReady = set.path("spec").path("minReadySeconds").asInt(0);
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (ObjectNode pod : active) {
            if (Objects.labels(pod).entrySet().containsAll(wanted.entrySet())) {
                fullyLabeled++;
            }
            if (Pods.isReady(pod)) {
                ready++;
                if (Pods.isAvailable(pod, minReady, now)) {
                    available++;
                }
            }
        }
        status.put("replicas", active.size());
        putOrOmit(status, "fullyLabeledReplicas", fullyLabeled);
        putOrOmit(status, "readyReplicas", ready);
        putOrOmit(status, "availableReplicas", available);
        putOrOmit(status, "observedGeneration", set.path("metadata").path("generation").asLong(0));
        boolean failing = Conditions.find(status, REPLICA_FAILURE) != null;
        if (manageError != null && !failing) {
            int diff = active.size() - set.path("spec").path("replicas").asInt(1);
            ObjectNode condition = Json.object().put("type", REPLICA_FAILURE).put("status", "True")
                    .put("lastTransitionTime", Objects.timestamp(now))
                    .put("reason", diff < 0 ? "FailedCreate" : "FailedDelete").put("message", manageError.getMessage());
            Conditions.set(status, condition);
        } else if (manageError == null && failing) {
            Conditions.remove(status, REPLICA_FAILURE);
        }
        return status;
    }

    private static void putOrOmit(ObjectNode status, String field, long value) {
        if (value == 0) {
            status.remove(field);
        } else {
            status.put(field, value);
        }
    }

    /** How long until the next ready pod counts as available, when one is waiting out minReadySeconds. */
    private static Duration untilNextAvailable(ObjectNode set, List<ObjectNode> active, Instant now) {
        int minReady = set.path("spec").path("minReadySeconds").asInt(0);
        if (minReady == 0) {
            return null;
        }
        Duration soonest = null;
        for (ObjectNode pod : active) {
            Instant since = Pods.readySince(pod);
            if (Pods.isReady(pod) && since != null && !Pods.isAvailable(pod, minReady, now)) {
                Duration wait = Duration.between(now, since.plusSeconds(minReady)).plusSeconds(1);
                soonest = soonest == null || wait.compareTo(soonest) < 0 ? wait : soonest;
            }
        }
        return soonest == null ? null : soonest.isNegative() ? Duration.ofSeconds(1) : soonest;
    }
}
