package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One sync of one Deployment (upstream's syncDeployment and what it calls in sync.go, rolling.go,
 * recreate.go and progress.go). Works on a copy of the cached Deployment that follows every write;
 * writes carry the resourceVersion they were computed from, so a stale cache ends in a conflict and a
 * retry rather than a wrong scale.
 */
final class DeploymentSync {
    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String REPLICA_FAILURE = "ReplicaFailure";
    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String PAUSED = "DeploymentPaused";
    static final String RESUMED = "DeploymentResumed";
    static final int NO_DEADLINE = Integer.MAX_VALUE;

    private record Scaled(boolean scaled, ObjectNode rs) {
    }

    private final DeploymentController controller;
    private final String namespace;
    private final String name;
    private final int replicas;
    private final RolloutLimits limits;
    private ObjectNode deployment;
    private ObjectNode newRs;
    private List<ObjectNode> oldRss = new ArrayList<>();

    DeploymentSync(DeploymentController controller, ObjectNode deployment) {
        this.controller = controller;
        this.deployment = deployment;
        this.namespace = Objects.namespace(deployment);
        this.name = Objects.name(deployment);
        this.replicas = deployment.path("spec").path("replicas").asInt(1);
        this.limits = RolloutLimits.of(deployment);
    }

    Result run() {
        JsonNode selector = deployment.path("spec").path("selector");
        if (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty()) {
            controller.events.warning(deployment, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
            long generation = generation();
            if (deployment.path("status").path("observedGeneration").asLong(0) < generation) {
                ObjectNode status = status().deepCopy();
                status.put("observedGeneration", generation);
                writeStatus(status);
            }
            return Result.DONE;
        }
        List<ObjectNode> sets = claimReplicaSets();
        if (Objects.isDeleting(deployment)) {
            findReplicaSets(sets, false);
            return syncDeploymentStatus();
        }
        checkPausedConditions();
        if (paused()) {
            return sync(sets);
        }
        if (isScalingEvent(sets)) {
            return sync(sets);
        }
        return RolloutLimits.rolling(deployment) ? rolloutRolling(sets) : rolloutRecreate(sets);
    }

    // ---- ReplicaSets of this deployment

    /** The ReplicaSets this deployment controls, adopting matching orphans and releasing its sets that stopped matching. */
    private List<ObjectNode> claimReplicaSets() {
        String uid = Json.text(deployment, "metadata", "uid");
        boolean deleting = Objects.isDeleting(deployment);
        List<ObjectNode> claimed = new ArrayList<>();
        Boolean canAdopt = null;
        for (ObjectNode rs : controller.sets.list(namespace)) {
            boolean matches = DeploymentController.selects(deployment, rs);
            ObjectNode ref = Owners.controllerOf(rs);
            if (ref != null) {
                if (!uid.equals(ref.path("uid").asText())) {
                    continue;
                }
                if (matches) {
                    claimed.add(rs);
                } else if (!deleting) {
                    updateSet(rs, current -> Owners.release(current, uid));
                }
                continue;
            }
            if (deleting || !matches || Objects.isDeleting(rs)) {
                continue;
            }
            if (canAdopt == null) {
                canAdopt = controller.deploymentStore.find(namespace, name)
                        .map(fresh -> uid.equals(Json.text(fresh, "metadata", "uid")) && !Objects.isDeleting(fresh)).orElse(false);
            }
            if (canAdopt) {
                ObjectNode controllerRef = Owners.controllerRef(deployment, "apps/v1", "Deployment");
                ObjectNode adopted = updateSet(rs, current -> Owners.adopt(current, controllerRef));
                if (Owners.controlledBy(adopted, deployment)) {
                    claimed.add(adopted);
                }
            }
        }
        return claimed;
    }

    /** Splits the sets into the new one (same template) and the old ones, syncing revisions; creates the new one if asked. */
    private void findReplicaSets(List<ObjectNode> sets, boolean create) {
        List<ObjectNode> sorted = new ArrayList<>(sets);
        sorted.sort(ReplicaSets.BY_CREATION);
        JsonNode template = deployment.path("spec").path("template");
        ObjectNode existing = sorted.stream().filter(rs -> ReplicaSets.sameTemplate(rs.path("spec").path("template"), template))
                .findFirst().orElse(null);
        oldRss = new ArrayList<>(sorted);
        oldRss.remove(existing);
        newRs = newReplicaSet(existing, create);
    }

    private List<ObjectNode> all() {
        List<ObjectNode> all = new ArrayList<>(oldRss);
        if (newRs != null) {
            all.add(newRs);
        }
        return all;
    }

    private ObjectNode newReplicaSet(ObjectNode existing, boolean create) {
        long newRevision = ReplicaSets.maxRevision(oldRss) + 1;
        int minReady = deployment.path("spec").path("minReadySeconds").asInt(0);
        if (existing != null) {
            ObjectNode copy = existing.deepCopy();
            boolean annotationsChanged = ReplicaSets.setNewReplicaSetAnnotations(deployment, copy, newRevision, true, limits);
            if (annotationsChanged || copy.path("spec").path("minReadySeconds").asInt(0) != minReady) {
                return updateSet(existing, rs -> {
                    ReplicaSets.setNewReplicaSetAnnotations(deployment, rs, newRevision, true, limits);
                    setMinReadySeconds(rs, minReady);
                });
            }
            boolean needsUpdate = setRevision(ReplicaSets.annotation(copy, ReplicaSets.REVISION));
            ObjectNode status = status().deepCopy();
            if (hasProgressDeadline() && Conditions.find(status, PROGRESSING) == null) {
                Conditions.setKeepingTransition(status, condition(PROGRESSING, "True", "FoundNewReplicaSet",
                        "Found new replica set \"" + Objects.name(copy) + "\""));
                deployment.set("status", status);
                needsUpdate = true;
            }
            if (needsUpdate) {
                writeDeployment();
            }
            return existing;
        }
        if (!create) {
            return null;
        }
        JsonNode collisionCount = Json.at(deployment, "status", "collisionCount");
        String hash = PodTemplateHash.compute(deployment.path("spec").path("template"), collisionCount == null ? null : collisionCount.asInt());
        ObjectNode template = ((ObjectNode) deployment.path("spec").path("template")).deepCopy();
        Json.with(template, "metadata", "labels").put(PodTemplateHash.LABEL, hash);
        ObjectNode selector = ((ObjectNode) deployment.path("spec").path("selector")).deepCopy();
        Json.with(selector, "matchLabels").put(PodTemplateHash.LABEL, hash);
        ObjectNode rs = Json.object().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        ObjectNode metadata = Objects.metadata(rs);
        metadata.put("name", name + "-" + hash).put("namespace", namespace);
        metadata.set("labels", template.path("metadata").path("labels").deepCopy());
        metadata.putArray("ownerReferences").add(Owners.controllerRef(deployment, "apps/v1", "Deployment"));
        ObjectNode spec = rs.putObject("spec");
        spec.put("replicas", 0);
        setMinReadySeconds(rs, minReady);
        spec.set("selector", selector);
        spec.set("template", template);
        List<ObjectNode> all = new ArrayList<>(oldRss);
        all.add(rs);
        int count = newReplicaSetReplicas(all, rs);
        spec.put("replicas", count);
        ReplicaSets.setNewReplicaSetAnnotations(deployment, rs, newRevision, false, limits);
        ObjectNode created;
        boolean alreadyExists = false;
        try {
            created = controller.setStore.create(namespace, rs, false);
        } catch (ApiException e) {
            if (e.code() == 409) {
                ObjectNode found = controller.setStore.find(namespace, Objects.name(rs)).orElse(null);
                if (found != null && Owners.controlledBy(found, deployment)
                        && ReplicaSets.sameTemplate(found.path("spec").path("template"), deployment.path("spec").path("template"))) {
                    created = found;
                    alreadyExists = true;
                } else {
                    // a hash collision: the next sync tries another name
                    ObjectNode status = status().deepCopy();
                    status.put("collisionCount", status.path("collisionCount").asInt(0) + 1);
                    writeStatus(status);
                    throw e;
                }
            } else {
                String message = "Failed to create new replica set \"" + Objects.name(rs) + "\": " + e.getMessage();
                if (hasProgressDeadline()) {
                    ObjectNode status = status().deepCopy();
                    Conditions.setKeepingTransition(status, condition(PROGRESSING, "False", "ReplicaSetCreateError", message));
                    writeStatus(status);
                }
                controller.events.warning(deployment, "ReplicaSetCreateError", message);
                throw e;
            }
        }
        if (!alreadyExists && count > 0) {
            controller.events.normal(deployment, "ScalingReplicaSet", "Scaled up replica set " + Objects.name(created) + " from 0 to " + count);
        }
        boolean needsUpdate = setRevision(String.valueOf(newRevision));
        if (!alreadyExists && hasProgressDeadline()) {
            ObjectNode status = status().deepCopy();
            Conditions.setKeepingTransition(status, condition(PROGRESSING, "True", "NewReplicaSetCreated",
                    "Created new replica set \"" + Objects.name(created) + "\""));
            deployment.set("status", status);
            needsUpdate = true;
        }
        if (needsUpdate) {
            writeDeployment();
        }
        return created;
    }

    private static void setMinReadySeconds(ObjectNode rs, int minReady) {
        if (minReady == 0) {
            Json.with(rs, "spec").remove("minReadySeconds");
        } else {
            Json.with(rs, "spec").put("minReadySeconds", minReady);
        }
    }

    /** How many replicas the new set may have now (NewRSNewReplicas). */
    private int newReplicaSetReplicas(List<ObjectNode> all, ObjectNode rs) {
        if (!RolloutLimits.rolling(deployment)) {
            return replicas;
        }
        int current = ReplicaSets.sumReplicas(all);
        int maxTotal = replicas + limits.maxSurge();
        if (current >= maxTotal) {
            return ReplicaSets.replicas(rs);
        }
        int scaleUp = Math.min(maxTotal - current, replicas - ReplicaSets.replicas(rs));
        return ReplicaSets.replicas(rs) + scaleUp;
    }

    // ---- strategies

    private Result rolloutRolling(List<ObjectNode> sets) {
        findReplicaSets(sets, true);
        if (reconcileNewReplicaSet()) {
            return syncRolloutStatus();
        }
        if (reconcileOldReplicaSets()) {
            return syncRolloutStatus();
        }
        if (complete(status())) {
            cleanup();
        }
        return syncRolloutStatus();
    }

    private boolean reconcileNewReplicaSet() {
        int current = ReplicaSets.replicas(newRs);
        if (current == replicas) {
            return false;
        }
        int target = current > replicas ? replicas : newReplicaSetReplicas(all(), newRs);
        Scaled scaled = scale(newRs, target);
        newRs = scaled.rs();
        return scaled.scaled();
    }

    private boolean reconcileOldReplicaSets() {
        if (ReplicaSets.sumReplicas(oldRss) == 0) {
            return false;
        }
        int minAvailable = replicas - limits.maxUnavailable();
        int newUnavailable = ReplicaSets.replicas(newRs) - ReplicaSets.available(newRs);
        int maxScaledDown = ReplicaSets.sumReplicas(all()) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        oldRss.sort(ReplicaSets.BY_CREATION);
        int cleaned = cleanupUnhealthyReplicas(maxScaledDown);
        int scaledDown = scaleDownOldForRollingUpdate();
        return cleaned + scaledDown > 0;
    }

    /** Scales old sets down by their unavailable replicas first, oldest first: they cost no availability. */
    private int cleanupUnhealthyReplicas(int maxCleanup) {
        int total = 0;
        for (int i = 0; i < oldRss.size() && total < maxCleanup; i++) {
            ObjectNode rs = oldRss.get(i);
            int count = ReplicaSets.replicas(rs);
            int unhealthy = count - ReplicaSets.available(rs);
            if (count == 0 || unhealthy <= 0) {
                continue;
            }
            int down = Math.min(maxCleanup - total, unhealthy);
            oldRss.set(i, scale(rs, count - down).rs());
            total += down;
        }
        return total;
    }

    /** Scales old sets down, oldest first, as far as availability stays at replicas - maxUnavailable. */
    private int scaleDownOldForRollingUpdate() {
        int minAvailable = replicas - limits.maxUnavailable();
        int available = ReplicaSets.sumAvailable(all());
        if (available <= minAvailable) {
            return 0;
        }
        int toScaleDown = available - minAvailable;
        int total = 0;
        for (int i = 0; i < oldRss.size() && total < toScaleDown; i++) {
            ObjectNode rs = oldRss.get(i);
            int count = ReplicaSets.replicas(rs);
            if (count == 0) {
                continue;
            }
            int down = Math.min(count, toScaleDown - total);
            oldRss.set(i, scale(rs, count - down).rs());
            total += down;
        }
        return total;
    }

    private Result rolloutRecreate(List<ObjectNode> sets) {
        findReplicaSets(sets, false);
        boolean scaledDown = false;
        for (int i = 0; i < oldRss.size(); i++) {
            if (ReplicaSets.replicas(oldRss.get(i)) > 0) {
                Scaled scaled = scale(oldRss.get(i), 0);
                oldRss.set(i, scaled.rs());
                scaledDown |= scaled.scaled();
            }
        }
        if (scaledDown || oldPodsRunning(sets)) {
            return syncRolloutStatus();
        }
        if (newRs == null) {
            findReplicaSets(sets, true);
        }
        newRs = scale(newRs, replicas).rs();
        if (complete(status())) {
            cleanup();
        }
        return syncRolloutStatus();
    }

    /** Whether any pod of an old set still exists and has not finished (Recreate waits for them). */
    private boolean oldPodsRunning(List<ObjectNode> sets) {
        if (ReplicaSets.sumStatusReplicas(oldRss) > 0) {
            return true;
        }
        String newUid = newRs == null ? null : Json.text(newRs, "metadata", "uid");
        for (ObjectNode rs : sets) {
            String uid = Json.text(rs, "metadata", "uid");
            if (uid.equals(newUid)) {
                continue;
            }
            for (ObjectNode pod : controller.pods.byIndex(Owners.BY_CONTROLLER_UID, uid)) {
                String phase = Pods.phase(pod);
                if (DeploymentController.selects(deployment, pod) && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- scaling (replicas changed, or paused)

    private boolean isScalingEvent(List<ObjectNode> sets) {
        findReplicaSets(sets, false);
        for (ObjectNode rs : ReplicaSets.active(all())) {
            Integer desired = ReplicaSets.intAnnotation(rs, ReplicaSets.DESIRED_REPLICAS);
            if (desired != null && desired != replicas) {
                return true;
            }
        }
        return false;
    }

    private Result sync(List<ObjectNode> sets) {
        findReplicaSets(sets, false);
        scaleToReplicas();
        if (paused()) {
            cleanup();
        }
        return syncDeploymentStatus();
    }

    /** Brings the sets' total to the deployment's replicas, proportionally to their sizes mid-rollout. */
    private void scaleToReplicas() {
        ObjectNode activeOrLatest = activeOrLatest();
        if (activeOrLatest != null) {
            if (ReplicaSets.replicas(activeOrLatest) != replicas) {
                replace(scale(activeOrLatest, replicas).rs());
            }
            return;
        }
        if (saturated(newRs)) {
            for (ObjectNode old : ReplicaSets.active(oldRss)) {
                replace(scale(old, 0).rs());
            }
            return;
        }
        if (!RolloutLimits.rolling(deployment)) {
            return;
        }
        List<ObjectNode> active = ReplicaSets.active(all());
        int allowed = replicas > 0 ? replicas + limits.maxSurge() : 0;
        int toAdd = allowed - ReplicaSets.sumReplicas(active);
        String operation = toAdd > 0 ? "up" : "down";
        if (toAdd > 0) {
            active.sort(ReplicaSets.BY_SIZE_NEWER);
        } else if (toAdd < 0) {
            active.sort(ReplicaSets.BY_SIZE_OLDER);
        }
        int added = 0;
        Map<String, Integer> sizes = new HashMap<>();
        for (ObjectNode rs : active) {
            int proportion = toAdd == 0 ? 0 : proportion(rs, toAdd, added);
            sizes.put(Objects.name(rs), ReplicaSets.replicas(rs) + proportion);
            added += proportion;
        }
        for (int i = 0; i < active.size(); i++) {
            ObjectNode rs = active.get(i);
            int size = sizes.get(Objects.name(rs));
            if (i == 0 && toAdd != 0) {
                size = Math.max(0, size + toAdd - added); // leftovers go to the largest
            }
            replace(scaleReplicaSet(rs, size, operation).rs());
        }
    }

    private ObjectNode activeOrLatest() {
        if (newRs == null && oldRss.isEmpty()) {
            return null;
        }
        List<ObjectNode> newestFirst = new ArrayList<>(oldRss);
        newestFirst.sort(ReplicaSets.BY_CREATION.reversed());
        List<ObjectNode> candidates = new ArrayList<>(newestFirst);
        if (newRs != null) {
            candidates.add(newRs);
        }
        List<ObjectNode> active = ReplicaSets.active(candidates);
        if (active.isEmpty()) {
            return newRs != null ? newRs : newestFirst.get(0);
        }
        return active.size() == 1 ? active.get(0) : null;
    }

    private boolean saturated(ObjectNode rs) {
        if (rs == null) {
            return false;
        }
        Integer desired = ReplicaSets.intAnnotation(rs, ReplicaSets.DESIRED_REPLICAS);
        return desired != null && ReplicaSets.replicas(rs) == replicas && desired == replicas && ReplicaSets.available(rs) == replicas;
    }

    /** This set's share of {@code toAdd}, from its size relative to the deployment's size when it was last scaled (GetProportion). */
    private int proportion(ObjectNode rs, int toAdd, int added) {
        if (ReplicaSets.replicas(rs) == 0 || toAdd == added) {
            return 0;
        }
        int fraction;
        if (replicas == 0) {
            fraction = -ReplicaSets.replicas(rs);
        } else {
            Integer annotated = ReplicaSets.intAnnotation(rs, ReplicaSets.MAX_REPLICAS);
            int base = annotated != null ? annotated : status().path("replicas").asInt(0);
            if (base == 0) {
                return 0;
            }
            double size = (double) ReplicaSets.replicas(rs) * (replicas + limits.maxSurge()) / base;
            fraction = (int) Math.round(size) - ReplicaSets.replicas(rs);
        }
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    private void replace(ObjectNode updated) {
        String uid = Json.text(updated, "metadata", "uid");
        if (newRs != null && uid.equals(Json.text(newRs, "metadata", "uid"))) {
            newRs = updated;
            return;
        }
        oldRss.replaceAll(rs -> uid.equals(Json.text(rs, "metadata", "uid")) ? updated : rs);
    }

    private Scaled scale(ObjectNode rs, int newScale) {
        if (ReplicaSets.replicas(rs) == newScale) {
            return new Scaled(false, rs);
        }
        return scaleReplicaSet(rs, newScale, ReplicaSets.replicas(rs) < newScale ? "up" : "down");
    }

    private Scaled scaleReplicaSet(ObjectNode rs, int newScale, String operation) {
        int oldScale = ReplicaSets.replicas(rs);
        boolean sizeChanges = oldScale != newScale;
        int max = replicas + limits.maxSurge();
        if (!sizeChanges && !ReplicaSets.replicasAnnotationsNeedUpdate(rs, replicas, max)) {
            return new Scaled(false, rs);
        }
        ObjectNode updated = updateSet(rs, current -> {
            Json.with(current, "spec").put("replicas", newScale);
            ReplicaSets.setReplicasAnnotations(current, replicas, max);
        });
        if (sizeChanges) {
            controller.events.normal(deployment, "ScalingReplicaSet",
                    "Scaled " + operation + " replica set " + Objects.name(rs) + " from " + oldScale + " to " + newScale);
        }
        return new Scaled(sizeChanges, updated);
    }

    /** Deletes the oldest sets scaled to 0 beyond revisionHistoryLimit. */
    private void cleanup() {
        JsonNode limit = Json.at(deployment, "spec", "revisionHistoryLimit");
        if (limit == null || limit.asInt() == NO_DEADLINE) {
            return;
        }
        List<ObjectNode> alive = new ArrayList<>(oldRss.stream().filter(rs -> !Objects.isDeleting(rs)).toList());
        int diff = alive.size() - limit.asInt();
        if (diff <= 0) {
            return;
        }
        alive.sort(ReplicaSets.BY_REVISION);
        for (ObjectNode rs : alive.subList(0, diff)) {
            if (ReplicaSets.statusReplicas(rs) != 0 || ReplicaSets.replicas(rs) != 0
                    || rs.path("metadata").path("generation").asLong(0) > rs.path("status").path("observedGeneration").asLong(0)) {
                continue;
            }
            try {
                controller.setStore.delete(namespace, Objects.name(rs),
                        new DeleteOptions(null, null, Json.text(rs, "metadata", "uid"), null), false, null);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    // ---- status

    private void checkPausedConditions() {
        if (!hasProgressDeadline()) {
            return;
        }
        ObjectNode progressing = Conditions.find(status(), PROGRESSING);
        if (progressing != null && TIMED_OUT.equals(progressing.path("reason").asText())) {
            return;
        }
        boolean pausedRecorded = progressing != null && PAUSED.equals(progressing.path("reason").asText());
        ObjectNode status = status().deepCopy();
        if (paused() && !pausedRecorded) {
            Conditions.setKeepingTransition(status, condition(PROGRESSING, "Unknown", PAUSED, "Deployment is paused"));
        } else if (!paused() && pausedRecorded) {
            Conditions.setKeepingTransition(status, condition(PROGRESSING, "Unknown", RESUMED, "Deployment is resumed"));
        } else {
            return;
        }
        writeStatus(status);
    }

    private Result syncDeploymentStatus() {
        ObjectNode status = calculateStatus();
        if (!Json.sameJson(status, status())) {
            writeStatus(status);
        }
        return Result.DONE;
    }

    private Result syncRolloutStatus() {
        ObjectNode status = calculateStatus();
        if (!hasProgressDeadline()) {
            Conditions.remove(status, PROGRESSING);
        }
        ObjectNode current = Conditions.find(status(), PROGRESSING);
        boolean alreadyComplete = status.path("replicas").asInt(0) == status.path("updatedReplicas").asInt(0)
                && current != null && NEW_RS_AVAILABLE.equals(current.path("reason").asText());
        String subject = newRs != null ? "ReplicaSet \"" + Objects.name(newRs) + "\"" : "Deployment \"" + name + "\"";
        if (hasProgressDeadline() && !alreadyComplete) {
            if (complete(status)) {
                Conditions.setKeepingTransition(status, condition(PROGRESSING, "True", NEW_RS_AVAILABLE, subject + " has successfully progressed."));
            } else if (progressing(status)) {
                // progress refreshes lastUpdateTime even with the same reason: the deadline counts from the last progress
                ObjectNode condition = condition(PROGRESSING, "True", "ReplicaSetUpdated", subject + " is progressing.");
                if (current != null && "True".equals(current.path("status").asText())) {
                    condition.set("lastTransitionTime", current.get("lastTransitionTime"));
                }
                Conditions.set(status, condition);
            } else if (timedOut(status)) {
                Conditions.setKeepingTransition(status, condition(PROGRESSING, "False", TIMED_OUT, subject + " has timed out progressing."));
            }
        }
        ObjectNode failure = replicaFailure();
        if (failure != null) {
            Conditions.setKeepingTransition(status, failure);
        } else {
            Conditions.remove(status, REPLICA_FAILURE);
        }
        if (Json.sameJson(status, status())) {
            return requeueStuck(status);
        }
        writeStatus(status);
        return Result.DONE;
    }

    /** The first ReplicaFailure of the sets, new set first, as a deployment condition. */
    private ObjectNode replicaFailure() {
        List<ObjectNode> sets = new ArrayList<>();
        if (newRs != null) {
            sets.add(newRs);
        }
        sets.addAll(oldRss);
        for (ObjectNode rs : sets) {
            ObjectNode failure = Conditions.find(rs.path("status"), REPLICA_FAILURE);
            if (failure != null) {
                ObjectNode condition = failure.deepCopy();
                condition.set("lastUpdateTime", failure.get("lastTransitionTime"));
                return condition;
            }
        }
        return null;
    }

    /** A deployment still progressing is looked at again when its deadline would pass. */
    private Result requeueStuck(ObjectNode status) {
        ObjectNode current = Conditions.find(status(), PROGRESSING);
        if (!hasProgressDeadline() || current == null || complete(status) || TIMED_OUT.equals(current.path("reason").asText())) {
            return Result.DONE;
        }
        Instant deadline = Instant.parse(current.path("lastUpdateTime").asText()).plusSeconds(progressDeadlineSeconds());
        Duration after = Duration.between(controller.clock.instant(), deadline);
        return Result.after(after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : after.plusSeconds(1));
    }

    private ObjectNode calculateStatus() {
        List<ObjectNode> all = all();
        ObjectNode status = Json.object();
        int available = ReplicaSets.sumAvailable(all);
        putOrOmit(status, "observedGeneration", generation());
        putOrOmit(status, "replicas", ReplicaSets.sumStatusReplicas(all));
        putOrOmit(status, "updatedReplicas", ReplicaSets.statusReplicas(newRs));
        putOrOmit(status, "readyReplicas", ReplicaSets.sumReady(all));
        putOrOmit(status, "availableReplicas", available);
        putOrOmit(status, "unavailableReplicas", Math.max(0, ReplicaSets.sumReplicas(all) - available));
        JsonNode conditions = status().get("conditions");
        if (conditions != null) {
            status.set("conditions", conditions.deepCopy());
        }
        JsonNode collisionCount = status().get("collisionCount");
        if (collisionCount != null) {
            status.set("collisionCount", collisionCount);
        }
        if (available >= replicas - limits.maxUnavailable()) {
            Conditions.setKeepingTransition(status, condition(AVAILABLE, "True", "MinimumReplicasAvailable", "Deployment has minimum availability."));
        } else {
            Conditions.setKeepingTransition(status, condition(AVAILABLE, "False", "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability."));
        }
        return status;
    }

    private boolean complete(JsonNode status) {
        return status.path("updatedReplicas").asInt(0) == replicas && status.path("replicas").asInt(0) == replicas
                && status.path("availableReplicas").asInt(0) == replicas && status.path("observedGeneration").asLong(0) >= generation();
    }

    private boolean progressing(JsonNode status) {
        JsonNode old = status();
        int oldOld = old.path("replicas").asInt(0) - old.path("updatedReplicas").asInt(0);
        int newOld = status.path("replicas").asInt(0) - status.path("updatedReplicas").asInt(0);
        return status.path("updatedReplicas").asInt(0) > old.path("updatedReplicas").asInt(0) || newOld < oldOld
                || status.path("readyReplicas").asInt(0) > old.path("readyReplicas").asInt(0)
                || status.path("availableReplicas").asInt(0) > old.path("availableReplicas").asInt(0);
    }

    private boolean timedOut(JsonNode status) {
        ObjectNode condition = Conditions.find(status, PROGRESSING);
        if (condition == null || NEW_RS_AVAILABLE.equals(condition.path("reason").asText())) {
            return false;
        }
        if (TIMED_OUT.equals(condition.path("reason").asText())) {
            return true;
        }
        Instant from = Instant.parse(condition.path("lastUpdateTime").asText());
        return from.plusSeconds(progressDeadlineSeconds()).isBefore(controller.clock.instant());
    }

    private ObjectNode condition(String type, String status, String reason, String message) {
        String now = Objects.timestamp(controller.clock.instant());
        return Json.object().put("type", type).put("status", status).put("lastUpdateTime", now).put("lastTransitionTime", now)
                .put("reason", reason).put("message", message);
    }

    private static void putOrOmit(ObjectNode status, String field, long value) {
        if (value != 0) {
            status.put(field, value);
        }
    }

    // ---- the deployment

    private JsonNode status() {
        JsonNode status = deployment.get("status");
        return status != null && status.isObject() ? status : Json.object();
    }

    private long generation() {
        return deployment.path("metadata").path("generation").asLong(0);
    }

    private boolean paused() {
        return deployment.path("spec").path("paused").asBoolean(false);
    }

    private int progressDeadlineSeconds() {
        return deployment.path("spec").path("progressDeadlineSeconds").asInt(NO_DEADLINE);
    }

    private boolean hasProgressDeadline() {
        return progressDeadlineSeconds() != NO_DEADLINE;
    }

    /** Sets the revision annotation on the in-memory deployment; whether it changed. */
    private boolean setRevision(String revision) {
        if (revision == null || revision.equals(ReplicaSets.annotation(deployment, ReplicaSets.REVISION))) {
            return false;
        }
        Json.with(deployment, "metadata", "annotations").put(ReplicaSets.REVISION, revision);
        return true;
    }

    private void writeStatus(ObjectNode status) {
        String seen = Json.text(deployment, "metadata", "resourceVersion");
        deployment = controller.deploymentStore.update(namespace, name, current -> {
            Objects.metadata(current).put("resourceVersion", seen);
            current.set("status", status);
            return current;
        }, Part.STATUS, false);
    }

    /** Writes the revision annotation and the status together, as upstream's UpdateStatus does. */
    private void writeDeployment() {
        String seen = Json.text(deployment, "metadata", "resourceVersion");
        String revision = ReplicaSets.annotation(deployment, ReplicaSets.REVISION);
        JsonNode status = status();
        deployment = controller.deploymentStore.update(namespace, name, current -> {
            Objects.metadata(current).put("resourceVersion", seen);
            if (revision != null) {
                Json.with(current, "metadata", "annotations").put(ReplicaSets.REVISION, revision);
            }
            current.set("status", status);
            return current;
        }, Part.ALL, false);
    }

    /** Changes a ReplicaSet as last seen, failing with a conflict when it changed since. */
    private ObjectNode updateSet(ObjectNode rs, Consumer<ObjectNode> change) {
        String seen = Json.text(rs, "metadata", "resourceVersion");
        return controller.setStore.update(namespace, Objects.name(rs), current -> {
            Objects.metadata(current).put("resourceVersion", seen);
            change.accept(current);
            return current;
        }, Part.MAIN, false);
    }
}
