package io.tinykube.server.controller.stateful;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.api.GracefulDeletion;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.EventRecorder;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * StatefulSets (upstream pkg/controller/statefulset): pods with stable names {@code <set>-<ordinal>} created
 * in order (OrderedReady: one at a time, each after the previous is Running and Ready) or all at once
 * (Parallel), removed from the highest ordinal down, each with claims from the volume claim templates;
 * the template's history as ControllerRevisions; rolling updates from the highest ordinal down to the
 * partition, one pod at a time, or OnDelete. Like upstream it needs no expectations: pod names are fixed,
 * so a create from a stale cache fails with AlreadyExists instead of making a duplicate.
 */
public final class StatefulSetController implements Controller, Reconciler {
    /** Index of pods and revisions by their controller's uid; shared by name with other controllers. */
    public static final String CONTROLLER_UID_INDEX = "controllerUid";

    private final long resyncSeconds;
    private Informer sets;
    private Informer pods;
    private Informer claims;
    private Informer revisions;
    private GenericStore setStore;
    private GenericStore podStore;
    private GenericStore claimStore;
    private GenericStore revisionStore;
    private EventRecorder events;
    private Clock clock;

    public StatefulSetController(Duration resync) {
        this.resyncSeconds = Math.max(1, resync.toSeconds());
    }

    @Override
    public void start(ControllerContext context) {
        clock = context.clock();
        events = context.events("statefulset-controller");
        setStore = context.store("apps", "v1", "statefulsets");
        podStore = context.store("", "v1", "pods");
        claimStore = context.store("", "v1", "persistentvolumeclaims");
        revisionStore = context.store("apps", "v1", "controllerrevisions");
        sets = context.informers().get("apps", "v1", "statefulsets");
        pods = context.informers().pods();
        claims = context.informers().get("", "v1", "persistentvolumeclaims");
        revisions = context.informers().get("apps", "v1", "controllerrevisions");
        pods.addIndexer(CONTROLLER_UID_INDEX, StatefulSetController::controllerUidIndex);
        revisions.addIndexer(CONTROLLER_UID_INDEX, StatefulSetController::controllerUidIndex);
        context.runner("statefulset", this)
                .watch(sets, set -> true)
                .watchMapped(pods, StatefulSetController::ownerKey)
                .watchMapped(revisions, StatefulSetController::ownerKey)
                .resync(sets, resyncSeconds);
    }

    private static List<String> controllerUidIndex(ObjectNode object) {
        String uid = StatefulPods.controllerUid(object);
        return uid == null ? List.of() : List.of(uid);
    }

    /** The key of the StatefulSet controlling {@code object}, if one does. */
    private static List<String> ownerKey(ObjectNode object) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false) && ref.path("kind").asText().equals("StatefulSet")
                    && ref.path("apiVersion").asText().startsWith("apps/")) {
                return List.of(Informer.key(Objects.namespace(object), ref.path("name").asText()));
            }
        }
        return List.of();
    }

    @Override
    public Result reconcile(String namespace, String name) {
        ObjectNode set = sets.get(namespace, name).orElse(null);
        if (set == null || Objects.isDeleting(set)) {
            return Result.DONE; // the garbage collector removes what it owned
        }
        String uid = Json.text(set, "metadata", "uid");
        History history = resolveHistory(set, revisions.byIndex(CONTROLLER_UID_INDEX, uid));
        if (history == null) {
            return Result.RETRY;
        }
        List<ObjectNode> members = new ArrayList<>();
        for (ObjectNode pod : pods.byIndex(CONTROLLER_UID_INDEX, uid)) {
            if (StatefulPods.ordinal(name, Objects.name(pod)) >= 0) {
                members.add(pod);
            }
        }
        Result result = new Sync(set, history, members, clock.instant()).run();
        updateStatus(set, history, members);
        truncateHistory(set, history, members);
        return result;
    }

    // ---- revisions

    /** The set's revisions by number, the current and the update revision. */
    private record History(List<ObjectNode> revisions, ObjectNode current, ObjectNode update, int collisionCount) {
    }

    /** Finds or creates the revision of the set's template; null when a hash collision needs another pass. */
    private History resolveHistory(ObjectNode set, List<ObjectNode> owned) {
        List<ObjectNode> history = Revisions.sortedByNumber(owned);
        int collisionCount = set.path("status").path("collisionCount").asInt(0);
        long next = history.isEmpty() ? 1 : Revisions.number(history.get(history.size() - 1)) + 1;
        ObjectNode candidate = Revisions.build(set, next, collisionCount);
        ObjectNode equal = null;
        for (ObjectNode revision : history) {
            if (Revisions.sameData(revision, candidate)) {
                equal = revision;
            }
        }
        String namespace = Objects.namespace(set);
        ObjectNode update;
        if (equal != null && equal == history.get(history.size() - 1)) {
            update = equal;
        } else if (equal != null) {
            // Back to an older template (rollout undo): that revision becomes the newest.
            update = revisionStore.update(namespace, Objects.name(equal), revision -> revision.put("revision", next), Part.MAIN, false);
            history.remove(equal);
            history.add(update);
        } else {
            try {
                update = revisionStore.create(namespace, candidate, false);
                history.add(update);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
                ObjectNode existing = revisionStore.find(namespace, Objects.name(candidate)).orElse(null);
                if (existing != null && Revisions.sameData(existing, candidate)) {
                    update = existing;
                    history.add(update);
                } else {
                    setStore.update(namespace, Objects.name(set), current -> {
                        ObjectNode status = Json.with(current, "status");
                        status.put("collisionCount", status.path("collisionCount").asInt(0) + 1);
                        return current;
                    }, Part.STATUS, false);
                    return null;
                }
            }
        }
        String currentName = Json.text(set, "status", "currentRevision");
        ObjectNode current = update;
        for (ObjectNode revision : history) {
            if (Objects.name(revision).equals(currentName)) {
                current = revision;
            }
        }
        return new History(history, current, update, collisionCount);
    }

    /** Keeps revisions pods use plus the current and update ones, and at most revisionHistoryLimit others. */
    private void truncateHistory(ObjectNode set, History history, List<ObjectNode> members) {
        Set<String> live = new HashSet<>();
        members.forEach(pod -> live.add(StatefulPods.revision(pod)));
        live.add(Objects.name(history.current()));
        live.add(Objects.name(history.update()));
        List<ObjectNode> old = new ArrayList<>();
        for (ObjectNode revision : history.revisions()) {
            if (!live.contains(Objects.name(revision))) {
                old.add(revision);
            }
        }
        int limit = set.path("spec").path("revisionHistoryLimit").asInt(10);
        for (int i = 0; i < old.size() - limit; i++) {
            try {
                revisionStore.delete(Objects.namespace(set), Objects.name(old.get(i)), DeleteOptions.DEFAULT, false, null);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    // ---- status

    private void updateStatus(ObjectNode set, History history, List<ObjectNode> members) {
        Instant now = clock.instant();
        int minReadySeconds = set.path("spec").path("minReadySeconds").asInt(0);
        String currentName = Objects.name(history.current());
        String updateName = Objects.name(history.update());
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        for (ObjectNode pod : members) {
            if (Json.text(pod, "status", "phase") != null) {
                replicas++;
                if (!StatefulPods.terminating(pod)) {
                    current += currentName.equals(StatefulPods.revision(pod)) ? 1 : 0;
                    updated += updateName.equals(StatefulPods.revision(pod)) ? 1 : 0;
                }
            }
            if (StatefulPods.runningAndReady(pod)) {
                ready++;
                available += StatefulPods.runningAndAvailable(pod, minReadySeconds, now) ? 1 : 0;
            }
        }
        boolean rolling = rollingUpdate(set);
        if (rolling && updated == replicas && ready == replicas) {
            currentName = updateName; // the rolling update is complete
            current = updated;
        }
        ObjectNode status = Json.object();
        status.put("observedGeneration", set.path("metadata").path("generation").asInt(0));
        status.put("replicas", replicas);
        putIfPositive(status, "readyReplicas", ready);
        putIfPositive(status, "currentReplicas", current);
        putIfPositive(status, "updatedReplicas", updated);
        status.put("currentRevision", currentName);
        status.put("updateRevision", updateName);
        status.put("collisionCount", history.collisionCount());
        status.put("availableReplicas", available);
        JsonNode conditions = Json.at(set, "status", "conditions");
        if (conditions != null) {
            status.set("conditions", conditions);
        }
        if (Json.sameJson(status, set.get("status"))) {
            return;
        }
        try {
            setStore.update(Objects.namespace(set), Objects.name(set), stored -> {
                stored.set("status", status);
                return stored;
            }, Part.STATUS, false);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private static void putIfPositive(ObjectNode status, String field, int value) {
        if (value > 0) {
            status.put(field, value);
        }
    }

    private static boolean rollingUpdate(ObjectNode set) {
        return !"OnDelete".equals(Json.text(set, "spec", "updateStrategy", "type"));
    }

    // ---- one pass over the pods

    /** What one reconcile does to the pods of one set, in upstream's order: replicas, condemned, update. */
    private final class Sync {
        private final ObjectNode set;
        private final History history;
        private final List<ObjectNode> members;
        private final Instant now;
        private final String name;
        private final int start;
        private final int replicas;
        private final boolean monotonic;
        private final int minReadySeconds;
        private final int partition;

        Sync(ObjectNode set, History history, List<ObjectNode> members, Instant now) {
            this.set = set;
            this.history = history;
            this.members = members;
            this.now = now;
            this.name = Objects.name(set);
            JsonNode spec = set.path("spec");
            this.start = spec.path("ordinals").path("start").asInt(0);
            this.replicas = spec.path("replicas").asInt(1);
            this.monotonic = !"Parallel".equals(spec.path("podManagementPolicy").asText());
            this.minReadySeconds = spec.path("minReadySeconds").asInt(0);
            this.partition = spec.path("updateStrategy").path("rollingUpdate").path("partition").asInt(0);
        }

        Result run() {
            ObjectNode[] slots = new ObjectNode[replicas];
            List<ObjectNode> condemned = new ArrayList<>();
            for (ObjectNode pod : members) {
                int ordinal = StatefulPods.ordinal(name, Objects.name(pod));
                if (ordinal >= start && ordinal < start + replicas) {
                    slots[ordinal - start] = pod;
                } else {
                    condemned.add(pod);
                }
            }
            condemned.sort(Comparator.comparingInt(pod -> StatefulPods.ordinal(name, Objects.name(pod))));
            ObjectNode firstUnhealthy = null;
            for (ObjectNode pod : slots) {
                if (firstUnhealthy == null && pod != null && !StatefulPods.healthy(pod)) {
                    firstUnhealthy = pod;
                }
            }
            for (ObjectNode pod : condemned) {
                if (firstUnhealthy == null && !StatefulPods.healthy(pod)) {
                    firstUnhealthy = pod;
                }
            }

            Result result = Result.DONE;
            for (int i = 0; i < replicas; i++) {
                ObjectNode pod = slots[i];
                int ordinal = start + i;
                if (pod != null && StatefulPods.finished(pod)) {
                    // A failed (or completed) pod is replaced: deleted now, created again once it is gone.
                    if (!StatefulPods.terminating(pod)) {
                        deletePod(pod);
                    }
                    if (monotonic) {
                        return result;
                    }
                    continue;
                }
                if (pod == null) {
                    if (!createClaims(ordinal)) {
                        return Result.RETRY;
                    }
                    if (!createPod(ordinal)) {
                        return Result.RETRY;
                    }
                    if (monotonic) {
                        return result;
                    }
                    continue;
                }
                fixClaimOwners(pod, true);
                if (StatefulPods.terminating(pod) && monotonic) {
                    return result;
                }
                if (!StatefulPods.runningAndReady(pod) && monotonic) {
                    return result;
                }
                Duration wait = StatefulPods.untilAvailable(pod, minReadySeconds, now);
                if (!wait.isZero()) {
                    result = result.and(Result.after(wait.plusMillis(100)));
                    if (monotonic) {
                        return result;
                    }
                }
            }

            for (int target = condemned.size() - 1; target >= 0; target--) {
                ObjectNode pod = condemned.get(target);
                fixClaimOwners(pod, false);
                if (StatefulPods.terminating(pod)) {
                    if (monotonic) {
                        return result;
                    }
                    continue;
                }
                if (monotonic && pod != firstUnhealthy) {
                    if (!StatefulPods.runningAndReady(pod)) {
                        return result;
                    }
                    Duration wait = StatefulPods.untilAvailable(pod, minReadySeconds, now);
                    if (!wait.isZero()) {
                        return result.and(Result.after(wait.plusMillis(100)));
                    }
                }
                deletePod(pod);
                if (monotonic) {
                    return result;
                }
            }

            if (!rollingUpdate(set)) {
                return result; // OnDelete: pods take the new template only when recreated
            }
            String updateName = Objects.name(history.update());
            for (int target = replicas - 1; target >= partition; target--) {
                ObjectNode pod = slots[target];
                if (pod == null) {
                    continue; // created in this pass, from the update revision
                }
                if (!updateName.equals(StatefulPods.revision(pod)) && !StatefulPods.terminating(pod)) {
                    deletePod(pod);
                    return result;
                }
                if (!StatefulPods.healthy(pod)) {
                    return result;
                }
            }
            return result;
        }

        /** A new pod: below the partition from the current revision, else from the update revision. */
        private ObjectNode newPod(int ordinal) {
            ObjectNode revision = rollingUpdate(set) && ordinal < start + partition ? history.current() : history.update();
            ObjectNode template = Json.with(revision.deepCopy(), "data", "spec", "template");
            template.remove("$patch");
            return StatefulPods.newPod(set, template, Objects.name(revision), ordinal);
        }

        private boolean createPod(int ordinal) {
            ObjectNode pod = newPod(ordinal);
            String podName = Objects.name(pod);
            try {
                podStore.create(Objects.namespace(set), pod, false);
                events.normal(set, "SuccessfulCreate", "create Pod " + podName + " in StatefulSet " + name + " successful");
                return true;
            } catch (ApiException e) {
                if (e.code() == 409) {
                    return true; // the cache had not seen it yet
                }
                events.warning(set, "FailedCreate", "create Pod " + podName + " in StatefulSet " + name + " failed error: " + e.getMessage());
                return false;
            }
        }

        private void deletePod(ObjectNode pod) {
            String podName = Objects.name(pod);
            DeleteOptions options = new DeleteOptions(null, null, Json.text(pod, "metadata", "uid"), null);
            try {
                podStore.delete(Objects.namespace(pod), podName, options, false, GracefulDeletion.forType(podStore.type(), options));
                events.normal(set, "SuccessfulDelete", "delete Pod " + podName + " in StatefulSet " + name + " successful");
            } catch (ApiException e) {
                if (e.code() != 404 && e.code() != 409) {
                    events.warning(set, "FailedDelete", "delete Pod " + podName + " in StatefulSet " + name + " failed error: " + e.getMessage());
                    throw e;
                }
            }
        }

        /** Creates the missing claims of pod {@code ordinal}; false when one cannot be had yet. */
        private boolean createClaims(int ordinal) {
            String podName = StatefulPods.podName(name, ordinal);
            for (ObjectNode claim : StatefulPods.claims(set, ordinal)) {
                String claimName = Objects.name(claim);
                ObjectNode existing = claims.get(Objects.namespace(set), claimName).orElse(null);
                if (existing != null) {
                    if (Objects.isDeleting(existing)) {
                        return false; // wait until it is gone, as upstream refuses a pod on a claim being deleted
                    }
                    continue;
                }
                Objects.metadata(claim).set("ownerReferences", claimOwners(claim, null, true)); // pod owners come once the pod exists
                try {
                    claimStore.create(Objects.namespace(set), claim, false);
                    events.normal(set, "SuccessfulCreate", "create Claim " + claimName + " Pod " + podName + " in StatefulSet " + name
                            + " success");
                } catch (ApiException e) {
                    if (e.code() != 409) {
                        events.warning(set, "FailedCreate", "create Claim " + claimName + " for Pod " + podName + " in StatefulSet "
                                + name + " failed error: " + e.getMessage());
                        return false;
                    }
                }
            }
            return true;
        }

        /** Sets the claims' ownerReferences the retention policy asks for, for a pod in range or scaled away. */
        private void fixClaimOwners(ObjectNode pod, boolean inRange) {
            int ordinal = StatefulPods.ordinal(name, Objects.name(pod));
            for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
                String claimName = StatefulPods.claimName(Objects.name(template), name, ordinal);
                ObjectNode claim = claims.get(Objects.namespace(set), claimName).orElse(null);
                if (claim == null || Objects.isDeleting(claim)) {
                    continue;
                }
                ArrayNode desired = claimOwners(claim, pod, inRange);
                if (uids(desired).equals(uids(claim.path("metadata").path("ownerReferences")))) {
                    continue;
                }
                try {
                    claimStore.update(Objects.namespace(claim), claimName, current -> {
                        Objects.metadata(current).set("ownerReferences", desired);
                        return current;
                    }, Part.MAIN, false);
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
        }

        /**
         * Upstream's updateClaimOwnerRefForSetAndPod: the set owns the claim when whenDeleted is Delete (unless
         * the pod is scaled away and whenScaled is Delete), the pod owns it when scaled away under whenScaled Delete.
         */
        private ArrayNode claimOwners(ObjectNode claim, ObjectNode pod, boolean inRange) {
            String setUid = Json.text(set, "metadata", "uid");
            String podUid = pod == null ? null : Json.text(pod, "metadata", "uid");
            boolean deleteWithSet = "Delete".equals(Json.text(set, "spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted"));
            boolean deleteWhenScaled = "Delete".equals(Json.text(set, "spec", "persistentVolumeClaimRetentionPolicy", "whenScaled"));
            ArrayNode refs = Json.array();
            for (JsonNode ref : claim.path("metadata").path("ownerReferences")) {
                String uid = ref.path("uid").asText();
                if (!uid.equals(setUid) && !uid.equals(podUid)) {
                    refs.add(ref);
                }
            }
            if (deleteWithSet && (inRange || !deleteWhenScaled)) {
                refs.add(StatefulPods.ownerRef(set));
            }
            if (deleteWhenScaled && !inRange && pod != null) {
                refs.add(StatefulPods.ownerRef(pod));
            }
            return refs;
        }

        private Set<String> uids(JsonNode refs) {
            Set<String> uids = new HashSet<>();
            refs.forEach(ref -> uids.add(ref.path("uid").asText()));
            return uids;
        }
    }
}
