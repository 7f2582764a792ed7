package io.tinykube.server.controller.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.tinykube.server.registry.LabelSelectors;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.scheduler.Scheduler;
import io.tinykube.server.scheduler.Scheduler.DaemonFit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DaemonSets, as upstream's daemon controller: one pod per node that passes the template's node selector, required
 * node affinity and taints (with the daemon tolerations added); the pod names its node through a required node
 * affinity so the default scheduler binds it there. Pods on nodes that no longer qualify go, failed pods are replaced
 * under a per-node back-off, the template's history is kept as ControllerRevisions, RollingUpdate replaces old pods
 * within maxUnavailable/maxSurge, OnDelete waits for the user, and the status is written when it changes.
 */
public final class DaemonSetController implements Controller, Reconciler {
    static final String CONTROLLER_UID_INDEX = "controllerUid";
    /** Upstream's BurstReplicas: at most this many creations or deletions per sync. */
    static final int BURST_REPLICAS = 250;

    private final long resyncSeconds;
    private final FailedPodBackoff failedBackoff = new FailedPodBackoff(Duration.ofSeconds(1), Duration.ofMinutes(15));
    private final Expectations expectations = new Expectations();
    private Informer sets;
    private Informer pods;
    private Informer nodes;
    private Informer revisions;
    private GenericStore setStore;
    private GenericStore podStore;
    private GenericStore revisionStore;
    private EventRecorder events;
    private ControllerRunner runner;
    private Clock clock;

    public DaemonSetController(Duration resync) {
        this.resyncSeconds = resync.toSeconds();
    }

    @Override
    public void start(ControllerContext context) {
        clock = context.clock();
        sets = context.informers().get("apps", "v1", "daemonsets");
        pods = context.informers().pods();
        nodes = context.informers().nodes();
        revisions = context.informers().get("apps", "v1", "controllerrevisions");
        pods.addIndexer(CONTROLLER_UID_INDEX, DaemonSetController::controllerUid);
        revisions.addIndexer(CONTROLLER_UID_INDEX, DaemonSetController::controllerUid);
        setStore = context.store("apps", "v1", "daemonsets");
        podStore = context.store("", "v1", "pods");
        revisionStore = context.store("apps", "v1", "controllerrevisions");
        events = context.events("daemonset-controller");
        runner = context.runner("daemonset", this)
                .watch(sets, set -> true)
                .watchMapped(revisions, DaemonSetController::ownerKey)
                .resync(sets, resyncSeconds);
        pods.addHandler(new PodHandler());
        nodes.addHandler(new NodeHandler());
    }

    private static Collection<String> controllerUid(ObjectNode object) {
        JsonNode owner = DaemonPods.controllerOf(object);
        return owner == null ? List.of() : List.of(owner.path("uid").asText());
    }

    /** The key of the DaemonSet controlling {@code object}, if one does. */
    private static List<String> ownerKey(ObjectNode object) {
        JsonNode owner = DaemonPods.controllerOf(object);
        if (owner == null || !"DaemonSet".equals(owner.path("kind").asText()) || !owner.path("apiVersion").asText().startsWith("apps/")) {
            return List.of();
        }
        return List.of(Informer.key(Objects.namespace(object), owner.path("name").asText()));
    }

    /** Pods: their owner, or for orphans every DaemonSet that could adopt them; creations and deletions settle expectations. */
    private final class PodHandler implements Informer.Handler {
        @Override
        public void onAdd(ObjectNode pod) {
            List<String> owner = ownerKey(pod);
            if (owner.isEmpty()) {
                enqueueSelecting(pod);
                return;
            }
            if (Objects.isDeleting(pod)) {
                expectations.deletionObserved(owner.get(0));
            } else {
                expectations.creationObserved(owner.get(0));
            }
            runner.enqueue(owner.get(0));
        }

        @Override
        public void onUpdate(ObjectNode old, ObjectNode current) {
            List<String> owner = ownerKey(current);
            if (!owner.isEmpty() && Objects.isDeleting(current) && !Objects.isDeleting(old)) {
                expectations.deletionObserved(owner.get(0));
            }
            Set<String> keys = new HashSet<>(ownerKey(old));
            keys.addAll(owner);
            keys.forEach(runner::enqueue);
            if (owner.isEmpty()) {
                enqueueSelecting(current);
            }
        }

        @Override
        public void onDelete(ObjectNode pod) {
            List<String> owner = ownerKey(pod);
            if (!owner.isEmpty()) {
                if (!Objects.isDeleting(pod)) {
                    expectations.deletionObserved(owner.get(0));
                }
                runner.enqueue(owner.get(0));
            }
        }

        private void enqueueSelecting(ObjectNode pod) {
            if (Objects.isDeleting(pod)) {
                return;
            }
            for (ObjectNode set : sets.list(Objects.namespace(pod))) {
                if (LabelSelectors.matches(set.path("spec").path("selector"), pod.path("metadata").path("labels"))) {
                    runner.enqueue(Informer.key(set));
                }
            }
        }
    }

    /** Nodes: every DaemonSet looks again when a node comes, goes, or changes labels or spec (taints); not on status beats. */
    private final class NodeHandler implements Informer.Handler {
        @Override
        public void onAdd(ObjectNode node) {
            enqueueAll();
        }

        @Override
        public void onUpdate(ObjectNode old, ObjectNode current) {
            if (!Json.sameJson(old.path("metadata").path("labels"), current.path("metadata").path("labels"))
                    || !Json.sameJson(old.path("spec"), current.path("spec"))) {
                enqueueAll();
            }
        }

        @Override
        public void onDelete(ObjectNode node) {
            enqueueAll();
        }

        private void enqueueAll() {
            sets.list().forEach(set -> runner.enqueue(Informer.key(set)));
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
        if (Objects.isDeleting(set)) {
            return Result.DONE;
        }
        // read before the cache: what the expectations saw observed is then in the pods read below
        boolean satisfied = expectations.satisfied(key);
        List<ObjectNode> nodeList = nodes.list();
        nodeList.sort((a, b) -> Json.compareGoStrings(Objects.name(a), Objects.name(b)));
        Map<String, DaemonFit> fits = fits(set, nodeList);
        List<ObjectNode> owned = claimPods(set);
        History history = constructHistory(set);
        if (history == null) {
            return Result.RETRY; // a hash collision: the next look uses the bumped collisionCount
        }
        String hash = DaemonRevisions.hash(history.current());
        Map<String, List<ObjectNode>> byNode = podsByNode(owned);
        if (!satisfied) {
            return updateStatus(set, nodeList, fits, byNode, hash, false);
        }
        NodeChanges changes = manage(set, nodeList, fits, byNode, hash);
        Result result = Result.DONE;
        if (!changes.isEmpty()) {
            // the rolling update waits for these changes to show in the cache, as it would act on stale pods
            result = syncNodes(set, key, changes, hash);
        } else if ("RollingUpdate".equals(Json.text(set, "spec", "updateStrategy", "type"))) {
            result = rollingUpdate(set, key, nodeList, fits, podsByNode(owned), hash);
        }
        cleanupHistory(set, history.old(), byNode);
        return result.and(updateStatus(set, nodeList, fits, byNode, hash, true));
    }

    private static Map<String, DaemonFit> fits(ObjectNode set, List<ObjectNode> nodeList) {
        Map<String, DaemonFit> fits = new HashMap<>();
        for (ObjectNode node : nodeList) {
            String nodeName = Objects.name(node);
            fits.put(nodeName, Scheduler.daemonPodFits(DaemonPods.probe(set, nodeName), node));
        }
        return fits;
    }

    /**
     * The pods this DaemonSet controls, adopting orphans its selector matches and releasing its pods it no longer
     * matches (upstream's ClaimPods).
     */
    private List<ObjectNode> claimPods(ObjectNode set) {
        String uid = Json.text(set, "metadata", "uid");
        JsonNode selector = set.path("spec").path("selector");
        List<ObjectNode> claimed = new ArrayList<>();
        for (ObjectNode pod : pods.list(Objects.namespace(set))) {
            JsonNode owner = DaemonPods.controllerOf(pod);
            boolean matches = LabelSelectors.matches(selector, pod.path("metadata").path("labels"));
            if (owner != null) {
                if (!uid.equals(owner.path("uid").asText())) {
                    continue;
                }
                if (matches || Objects.isDeleting(pod)) {
                    claimed.add(pod);
                } else {
                    changeOwner(pod, uid, false, set);
                }
            } else if (matches && !Objects.isDeleting(pod)) {
                ObjectNode adopted = changeOwner(pod, uid, true, set);
                if (adopted != null) {
                    claimed.add(adopted);
                }
            }
        }
        return claimed;
    }

    /** Adds (or removes) this DaemonSet's controller reference on a pod; null when the pod changed hands or is gone. */
    private ObjectNode changeOwner(ObjectNode pod, String uid, boolean adopt, ObjectNode set) {
        try {
            return podStore.update(Objects.namespace(pod), Objects.name(pod), current -> {
                JsonNode owner = DaemonPods.controllerOf(current);
                if (adopt ? owner != null : owner == null || !uid.equals(owner.path("uid").asText())) {
                    throw ApiException.conflict(podStore.type(), Objects.name(pod), "the pod's controller changed");
                }
                ArrayNode references = Json.array();
                for (JsonNode reference : current.path("metadata").path("ownerReferences")) {
                    if (!uid.equals(reference.path("uid").asText())) {
                        references.add(reference);
                    }
                }
                if (adopt) {
                    references.add(DaemonPods.controllerRef(set));
                }
                Objects.metadata(current).set("ownerReferences", references);
                return current;
            }, Part.MAIN, false);
        } catch (ApiException e) {
            if (e.code() == 404 || e.code() == 409 || e.code() == 422) {
                return null;
            }
            throw e;
        }
    }

    /** Pods by the node they are on or meant for (upstream's getNodesToDaemonPods); deleted finished pods do not count. */
    private static Map<String, List<ObjectNode>> podsByNode(List<ObjectNode> owned) {
        Map<String, List<ObjectNode>> byNode = new HashMap<>();
        for (ObjectNode pod : owned) {
            String phase = DaemonPods.phase(pod);
            if (Objects.isDeleting(pod) && ("Succeeded".equals(phase) || "Failed".equals(phase))) {
                continue;
            }
            String node = DaemonPods.targetNode(pod);
            if (node != null) {
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
            }
        }
        return byNode;
    }

    // ---- manage: which nodes need a pod, which pods must go

    /** Upstream's manage: which nodes need a pod, which pods must go. */
    private NodeChanges manage(ObjectNode set, List<ObjectNode> nodeList, Map<String, DaemonFit> fits,
                               Map<String, List<ObjectNode>> byNode, String hash) {
        List<String> creates = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        boolean surge = allowsSurge(set);
        for (ObjectNode node : nodeList) {
            podsShouldBeOnNode(set, Objects.name(node), fits.get(Objects.name(node)), byNode, hash, surge, creates, deletes);
        }
        // pods meant for nodes that are gone are never scheduled: nothing else would remove them
        Set<String> existing = new HashSet<>(fits.keySet());
        for (Map.Entry<String, List<ObjectNode>> entry : byNode.entrySet()) {
            if (!existing.contains(entry.getKey())) {
                for (ObjectNode pod : entry.getValue()) {
                    if (Json.text(pod, "spec", "nodeName") == null && !Objects.isDeleting(pod)) {
                        deletes.add(Objects.name(pod));
                    }
                }
            }
        }
        return new NodeChanges(deletes, creates);
    }

    private void podsShouldBeOnNode(ObjectNode set, String node, DaemonFit fit, Map<String, List<ObjectNode>> byNode, String hash,
                                      boolean surge, List<String> creates, List<String> deletes) {
        List<ObjectNode> daemonPods = byNode.get(node);
        if (fit.shouldRun() && daemonPods == null) {
            creates.add(node);
            return;
        }
        if (daemonPods == null) {
            return;
        }
        if (!fit.shouldContinueRunning()) {
            for (ObjectNode pod : daemonPods) {
                if (!Objects.isDeleting(pod)) {
                    deletes.add(Objects.name(pod));
                }
            }
            return;
        }
        List<ObjectNode> running = new ArrayList<>();
        for (ObjectNode pod : daemonPods) {
            if (Objects.isDeleting(pod)) {
                continue;
            }
            String phase = DaemonPods.phase(pod);
            if ("Failed".equals(phase)) {
                // kubelets that reject pods would have the controller fight them: back off per node
                String backoffKey = Json.text(set, "metadata", "uid") + "/" + node;
                Instant now = clock.instant();
                Duration wait = failedBackoff.remaining(backoffKey, now);
                if (wait != null) {
                    runner.enqueueAfter(Informer.key(set), wait.toMillis());
                    continue;
                }
                failedBackoff.next(backoffKey, now);
                events.warning(set, "FailedDaemonPod", "Found failed daemon pod " + Objects.namespace(pod) + "/" + Objects.name(pod)
                        + " on node " + node + ", will try to kill it");
                deletes.add(Objects.name(pod));
            } else if ("Succeeded".equals(phase)) {
                deletes.add(Objects.name(pod));
            } else {
                running.add(pod);
            }
        }
        running.sort(DaemonPods.OLDEST_FIRST);
        if (!surge) {
            // one pod per node: the oldest stays
            for (int i = 1; i < running.size(); i++) {
                deletes.add(Objects.name(running.get(i)));
            }
            return;
        }
        if (running.size() <= 1) {
            if (running.isEmpty() && fit.shouldRun()) {
                creates.add(node);
            }
            return;
        }
        // surging: an old and a new pod may share a node while the new one is not yet available
        ObjectNode oldestNew = null;
        ObjectNode oldestOld = null;
        for (ObjectNode pod : running) {
            boolean isNew = hash.equals(Json.text(pod, "metadata", "labels", DaemonPods.REVISION_HASH));
            if (isNew && oldestNew == null) {
                oldestNew = pod;
            } else if (!isNew && oldestOld == null) {
                oldestOld = pod;
            } else {
                deletes.add(Objects.name(pod));
            }
        }
        if (oldestNew != null && oldestOld != null
                && (!DaemonPods.ready(oldestOld) || DaemonPods.available(oldestNew, minReadySeconds(set), clock.instant()))) {
            deletes.add(Objects.name(oldestOld));
        }
    }

    /** Creates pods on {@code creates} (in slow-start batches) and deletes {@code deletes}, under expectations. */
    private Result syncNodes(ObjectNode set, String key, NodeChanges changes, String hash) {
        List<String> deletes = changes.deletes();
        List<String> creates = changes.creates();
        int createCount = Math.min(creates.size(), BURST_REPLICAS);
        int deleteCount = Math.min(deletes.size(), BURST_REPLICAS);
        expectations.expect(key, createCount, deleteCount);
        boolean failed = false;
        int position = 0;
        for (int batch = Math.min(createCount, 1); position < createCount; batch = Math.min(2 * batch, createCount - position)) {
            boolean batchFailed = false;
            for (int i = position; i < position + batch; i++) {
                if (!create(set, key, creates.get(i), hash)) {
                    batchFailed = true;
                }
            }
            position += batch;
            if (batchFailed) {
                // the rest are not tried now: they will not be observed either
                for (int i = position; i < createCount; i++) {
                    expectations.creationObserved(key);
                }
                failed = true;
                break;
            }
        }
        for (int i = 0; i < deleteCount; i++) {
            if (!delete(set, key, deletes.get(i))) {
                failed = true;
            }
        }
        return failed ? Result.RETRY : Result.DONE;
    }

    private boolean create(ObjectNode set, String key, String node, String hash) {
        try {
            ObjectNode created = podStore.create(Objects.namespace(set), DaemonPods.build(set, node, hash), false);
            events.normal(set, "SuccessfulCreate", "Created pod: " + Objects.name(created));
            return true;
        } catch (ApiException e) {
            expectations.creationObserved(key);
            events.warning(set, "FailedCreate", "Error creating: " + e.getMessage());
            return false;
        }
    }

    private boolean delete(ObjectNode set, String key, String pod) {
        try {
            podStore.delete(Objects.namespace(set), pod, DeleteOptions.DEFAULT, false,
                    GracefulDeletion.forType(podStore.type(), DeleteOptions.DEFAULT));
            events.normal(set, "SuccessfulDelete", "Deleted pod: " + pod);
            return true;
        } catch (ApiException e) {
            expectations.deletionObserved(key);
            if (e.code() == 404) {
                return true;
            }
            events.warning(set, "FailedDelete", "Error deleting: " + e.getMessage());
            return false;
        }
    }

    // ---- rolling update

    private Result rollingUpdate(ObjectNode set, String key, List<ObjectNode> nodeList, Map<String, DaemonFit> fits,
                                 Map<String, List<ObjectNode>> byNode, String hash) {
        int desired = 0;
        for (ObjectNode node : nodeList) {
            if (fits.get(Objects.name(node)).shouldRun()) {
                desired++;
                byNode.putIfAbsent(Objects.name(node), List.of());
            }
        }
        JsonNode rolling = Json.at(set, "spec", "updateStrategy", "rollingUpdate");
        int maxUnavailable = RollingUpdate.scaled(rolling == null ? null : rolling.get("maxUnavailable"), desired);
        int maxSurge = RollingUpdate.scaled(rolling == null ? null : rolling.get("maxSurge"), desired);
        RollingUpdate.State state = new RollingUpdate.State(byNode, node -> {
            DaemonFit fit = fits.get(node);
            return fit != null && fit.shouldRun();
        }, hash, templateGeneration(set), minReadySeconds(set), clock.instant());
        NodeChanges plan = RollingUpdate.plan(state, maxSurge, maxUnavailable, desired);
        return plan.isEmpty() ? Result.DONE : syncNodes(set, key, plan, hash);
    }

    private static boolean allowsSurge(ObjectNode set) {
        return "RollingUpdate".equals(Json.text(set, "spec", "updateStrategy", "type"))
                && RollingUpdate.scaled(Json.at(set, "spec", "updateStrategy", "rollingUpdate", "maxSurge"), 1) > 0;
    }

    private static long minReadySeconds(ObjectNode set) {
        return set.path("spec").path("minReadySeconds").asLong(0);
    }

    private static String templateGeneration(ObjectNode set) {
        return Json.text(set, "metadata", "annotations", DaemonPods.TEMPLATE_GENERATION_ANNOTATION);
    }

    // ---- history

    private record History(ObjectNode current, List<ObjectNode> old) {
    }

    /**
     * The revision holding the current template (created when missing, renumbered to the newest when an undo brings
     * an old template back) and the others; null after a hash collision.
     */
    private History constructHistory(ObjectNode set) {
        List<ObjectNode> currents = new ArrayList<>();
        List<ObjectNode> old = new ArrayList<>();
        for (ObjectNode revision : revisions.byIndex(CONTROLLER_UID_INDEX, Json.text(set, "metadata", "uid"))) {
            (DaemonRevisions.matches(set, revision) ? currents : old).add(revision);
        }
        long next = 1;
        for (ObjectNode revision : old) {
            next = Math.max(next, DaemonRevisions.number(revision) + 1);
        }
        ObjectNode current;
        if (currents.isEmpty()) {
            current = snapshot(set, next);
            if (current == null) {
                return null;
            }
        } else {
            current = dedup(set, currents);
            if (DaemonRevisions.number(current) < next) {
                long number = next;
                current = revisionStore.update(Objects.namespace(current), Objects.name(current),
                        revision -> revision.put("revision", number), Part.MAIN, false);
            }
        }
        return new History(current, old);
    }

    private ObjectNode snapshot(ObjectNode set, long number) {
        long collisionCount = set.path("status").path("collisionCount").asLong(0);
        ObjectNode revision = DaemonRevisions.build(set, number, collisionCount);
        try {
            return revisionStore.create(Objects.namespace(set), revision, false);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
        ObjectNode existing = revisionStore.get(Objects.namespace(set), Objects.name(revision));
        if (DaemonRevisions.matches(set, existing) && controllerUid(existing).contains(Json.text(set, "metadata", "uid"))) {
            return existing;
        }
        setStore.update(Objects.namespace(set), Objects.name(set), current -> {
            current.with("status").put("collisionCount", current.path("status").path("collisionCount").asLong(0) + 1);
            return current;
        }, Part.STATUS, false);
        return null;
    }

    /** Keeps the newest of several revisions holding the same template; pods of the others are relabelled first. */
    private ObjectNode dedup(ObjectNode set, List<ObjectNode> currents) {
        ObjectNode keep = currents.get(0);
        for (ObjectNode revision : currents) {
            if (DaemonRevisions.number(revision) >= DaemonRevisions.number(keep)) {
                keep = revision;
            }
        }
        if (currents.size() == 1) {
            return keep;
        }
        String keepHash = DaemonRevisions.hash(keep);
        for (ObjectNode pod : pods.byIndex(CONTROLLER_UID_INDEX, Json.text(set, "metadata", "uid"))) {
            if (!keepHash.equals(Json.text(pod, "metadata", "labels", DaemonPods.REVISION_HASH))) {
                podStore.update(Objects.namespace(pod), Objects.name(pod), current -> {
                    Json.with(Objects.metadata(current), "labels").put(DaemonPods.REVISION_HASH, keepHash);
                    return current;
                }, Part.MAIN, false);
            }
        }
        for (ObjectNode revision : currents) {
            if (revision != keep) {
                deleteRevision(revision);
            }
        }
        return keep;
    }

    /** Keeps revisionHistoryLimit old revisions, never one a live pod still runs. */
    private void cleanupHistory(ObjectNode set, List<ObjectNode> old, Map<String, List<ObjectNode>> byNode) {
        int toKill = old.size() - set.path("spec").path("revisionHistoryLimit").asInt(10);
        if (toKill <= 0) {
            return;
        }
        Set<String> liveHashes = new HashSet<>();
        byNode.values().forEach(list -> list.forEach(pod -> {
            String hash = Json.text(pod, "metadata", "labels", DaemonPods.REVISION_HASH);
            if (hash != null) {
                liveHashes.add(hash);
            }
        }));
        List<ObjectNode> oldest = new ArrayList<>(old);
        DaemonRevisions.sortByNumber(oldest);
        for (ObjectNode revision : oldest) {
            if (toKill <= 0) {
                break;
            }
            if (!liveHashes.contains(DaemonRevisions.hash(revision))) {
                deleteRevision(revision);
                toKill--;
            }
        }
    }

    private void deleteRevision(ObjectNode revision) {
        try {
            revisionStore.delete(Objects.namespace(revision), Objects.name(revision), DeleteOptions.DEFAULT, false, null);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    // ---- status

    private Result updateStatus(ObjectNode set, List<ObjectNode> nodeList, Map<String, DaemonFit> fits,
                                Map<String, List<ObjectNode>> byNode, String hash, boolean observed) {
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        long minReadySeconds = minReadySeconds(set);
        Instant now = clock.instant();
        String generation = templateGeneration(set);
        for (ObjectNode node : nodeList) {
            List<ObjectNode> daemonPods = byNode.get(Objects.name(node));
            boolean scheduled = daemonPods != null && !daemonPods.isEmpty();
            if (!fits.get(Objects.name(node)).shouldRun()) {
                if (scheduled) {
                    misscheduled++;
                }
                continue;
            }
            desired++;
            if (!scheduled) {
                continue;
            }
            current++;
            List<ObjectNode> sorted = new ArrayList<>(daemonPods);
            sorted.sort(DaemonPods.OLDEST_FIRST);
            ObjectNode pod = sorted.get(0);
            if (DaemonPods.ready(pod)) {
                ready++;
                if (DaemonPods.available(pod, minReadySeconds, now)) {
                    available++;
                }
            }
            if (DaemonPods.updated(pod, hash, generation)) {
                updated++;
            }
        }
        JsonNode old = set.path("status");
        long observedGeneration = observed ? set.path("metadata").path("generation").asLong(0) : old.path("observedGeneration").asLong(0);
        ObjectNode status = Json.object();
        status.put("currentNumberScheduled", current).put("numberMisscheduled", misscheduled)
                .put("desiredNumberScheduled", desired).put("numberReady", ready);
        putIfNonZero(status, "observedGeneration", observedGeneration);
        putIfNonZero(status, "updatedNumberScheduled", updated);
        putIfNonZero(status, "numberAvailable", available);
        putIfNonZero(status, "numberUnavailable", desired - available);
        for (String kept : List.of("collisionCount", "conditions")) {
            if (old.has(kept)) {
                status.set(kept, old.get(kept));
            }
        }
        if (!Json.sameJson(old, status)) {
            String uid = Json.text(set, "metadata", "uid");
            try {
                setStore.update(Objects.namespace(set), Objects.name(set), fresh -> {
                    if (!uid.equals(Json.text(fresh, "metadata", "uid"))) {
                        return fresh;
                    }
                    ObjectNode written = status.deepCopy();
                    for (String kept : List.of("collisionCount", "conditions")) {
                        written.remove(kept);
                        if (fresh.path("status").has(kept)) {
                            written.set(kept, fresh.path("status").get(kept));
                        }
                    }
                    fresh.set("status", written);
                    return fresh;
                }, Part.STATUS, false);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        if (minReadySeconds > 0 && ready != available) {
            return Result.after(Duration.ofSeconds(minReadySeconds));
        }
        return Result.DONE;
    }

    private static void putIfNonZero(ObjectNode status, String field, long value) {
        if (value != 0) {
            status.put(field, value);
        }
    }
}
