package io.tinykube.server.controller.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.api.GracefulDeletion;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a Job's pods to completion, as upstream's job controller: pods from the template (Indexed ones
 * one per completion index), replacements after the failure back-off, the back-off limit, the active
 * deadline, the pod failure policy, suspension, and the terminal conditions.
 *
 * <p>Every pod carries the {@code batch.kubernetes.io/job-tracking} finalizer so that a finished pod
 * is counted exactly once, as upstream does: its uid goes into {@code status.uncountedTerminatedPods}
 * (written first), then its finalizer is removed, then the uid moves into the {@code succeeded} or
 * {@code failed} counter. A pod without the finalizer is never counted again; a uid is counted only
 * once its pod has lost the finalizer, whatever crashes in between. An Indexed Job's successes are the
 * set {@code status.completedIndexes}, which cannot double-count.
 */
public final class JobController implements Controller, Reconciler {
    static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
    static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    /** Upstream's cap on pod creations and deletions in one sync. */
    static final int MAX_PODS_PER_SYNC = 500;
    private static final String COMPONENT = "job-controller";

    private Informer jobs;
    private Informer pods;
    private GenericStore jobStore;
    private GenericStore podStore;
    private EventRecorder events;
    private Clock clock;
    private final Expectations expectations = new Expectations();

    @Override
    public void start(ControllerContext context) {
        clock = context.clock();
        jobs = context.informers().get("batch", "v1", "jobs");
        pods = context.informers().pods();
        pods.addIndexer(Jobs.CONTROLLER_UID_INDEX, Jobs::controllerUidIndex);
        jobStore = context.store("batch", "v1", "jobs");
        podStore = context.store("", "v1", "pods");
        events = context.events(COMPONENT);
        pods.addHandler(new Informer.Handler() {
            @Override
            public void onAdd(ObjectNode pod) {
                Jobs.controllerKey(pod, "Job").forEach(expectations::creationObserved);
            }

            @Override
            public void onUpdate(ObjectNode old, ObjectNode current) {
                if (!Objects.isDeleting(old) && Objects.isDeleting(current)) {
                    Jobs.controllerKey(current, "Job").forEach(expectations::deletionObserved);
                }
            }

            @Override
            public void onDelete(ObjectNode last) {
                if (!Objects.isDeleting(last)) {
                    Jobs.controllerKey(last, "Job").forEach(expectations::deletionObserved);
                }
            }
        });
        context.runner("job", this)
                .watch(jobs, job -> true)
                .watchMapped(pods, pod -> Jobs.controllerKey(pod, "Job"))
                .resync(jobs, 300);
    }

    /** One pod of the Job as this sync sees it. */
    private record PodView(ObjectNode pod, String uid, boolean succeeded, boolean failed, boolean deleting, boolean tracked,
                           int index) {
        boolean active() {
            return !succeeded && !failed && !deleting;
        }

        boolean terminating() {
            return deleting && !succeeded && !failed;
        }
    }

    @Override
    public Result reconcile(String namespace, String name) {
        String key = Informer.key(namespace, name);
        ObjectNode job = jobs.get(namespace, name).orElse(null);
        if (job == null) {
            expectations.forget(key);
            releaseOrphans(namespace, name, null);
            return Result.DONE;
        }
        String uid = Json.text(job, "metadata", "uid");
        releaseOrphans(namespace, name, uid);
        List<PodView> views = new ArrayList<>();
        for (ObjectNode pod : pods.byIndex(Jobs.CONTROLLER_UID_INDEX, uid)) {
            views.add(view(pod));
        }
        if (Jobs.finishedCondition(job) != null || Objects.isDeleting(job)) {
            // Nothing more to count: pods keep no finalizer of a finished or deleted Job.
            for (PodView view : views) {
                if (view.tracked()) {
                    removeFinalizer(view.pod());
                }
            }
            return Result.DONE;
        }
        return new Sync(job, key, views).run();
    }

    /** Pods naming a Job of this name as controller that is gone (or another one now) lose their finalizer. */
    private void releaseOrphans(String namespace, String name, String uid) {
        for (ObjectNode pod : pods.list(namespace)) {
            JsonNode owner = Jobs.controllerOf(pod);
            if (owner != null && "Job".equals(owner.path("kind").asText()) && name.equals(owner.path("name").asText())
                    && !owner.path("uid").asText().equals(uid) && hasFinalizer(pod)) {
                removeFinalizer(pod);
            }
        }
    }

    private PodView view(ObjectNode pod) {
        String phase = Json.text(pod, "status", "phase");
        String index = Objects.stringMap(pod.path("metadata").path("annotations")).get(COMPLETION_INDEX);
        int ix = -1;
        try {
            ix = index == null ? -1 : Integer.parseInt(index);
        } catch (NumberFormatException e) {
            // not an index of ours
        }
        return new PodView(pod, Json.text(pod, "metadata", "uid"), "Succeeded".equals(phase), "Failed".equals(phase),
                Objects.isDeleting(pod), hasFinalizer(pod), ix);
    }

    private static boolean hasFinalizer(JsonNode pod) {
        for (JsonNode finalizer : pod.path("metadata").path("finalizers")) {
            if (TRACKING_FINALIZER.equals(finalizer.asText())) {
                return true;
            }
        }
        return false;
    }

    /** One reconcile of one Job: reads the cache once, then counts, decides and writes. */
    private final class Sync {
        private final ObjectNode job;
        private final String key;
        private final List<PodView> views;
        private final JsonNode spec;
        private final boolean indexed;
        private final Integer completions;
        private final Instant now = clock.instant();
        private final ObjectNode status;
        private Result result = Result.DONE;

        Sync(ObjectNode job, String key, List<PodView> views) {
            this.job = job;
            this.key = key;
            this.views = views;
            this.spec = job.path("spec");
            this.indexed = "Indexed".equals(spec.path("completionMode").asText());
            this.completions = spec.hasNonNull("completions") ? spec.get("completions").asInt() : null;
            this.status = job.has("status") ? job.get("status").deepCopy() : Json.object();
        }

        Result run() {
            ObjectNode original = status.deepCopy();
            if (!status.has("startTime") && !spec.path("suspend").asBoolean(false)) {
                status.put("startTime", Objects.timestamp(now));
            }
            Set<String> uncountedSucceeded = uids("succeeded");
            Set<String> uncountedFailed = uids("failed");
            Set<String> stillTracked = new HashSet<>();
            for (PodView view : views) {
                if (view.tracked()) {
                    stillTracked.add(view.uid());
                }
            }
            // Uids whose pods lost the finalizer (or are gone) are counted now, and only now.
            flush(uncountedSucceeded, "succeeded", stillTracked);
            flush(uncountedFailed, "failed", stillTracked);

            TreeSet<Integer> completedIndexes = indexed ? CompletedIndexes.parse(status.path("completedIndexes").asText(""), completions) : null;
            String failJobMessage = null;
            List<ObjectNode> toRelease = new ArrayList<>();
            boolean failing = Jobs.trueCondition(job, "FailureTarget") != null;
            for (PodView view : views) {
                if (!view.tracked() || uncountedSucceeded.contains(view.uid()) || uncountedFailed.contains(view.uid())) {
                    continue;
                }
                if (view.succeeded()) {
                    if (indexed) {
                        if (view.index() >= 0 && view.index() < completions) {
                            completedIndexes.add(view.index());
                        }
                    } else {
                        uncountedSucceeded.add(view.uid());
                    }
                    toRelease.add(view.pod());
                } else if (view.failed() || view.deleting()) {
                    // A pod deleted before it finished failed, as upstream counts it (podReplacementPolicy TerminatingOrFailed).
                    PodFailurePolicy.Match match = PodFailurePolicy.match(spec.get("podFailurePolicy"), view.pod());
                    if ("FailJob".equals(match.action()) && failJobMessage == null) {
                        failJobMessage = match.message();
                    }
                    if (match.counts() && (!indexed || (view.index() >= 0 && view.index() < completions))) {
                        uncountedFailed.add(view.uid());
                    }
                    toRelease.add(view.pod());
                }
            }
            setUids("succeeded", uncountedSucceeded);
            setUids("failed", uncountedFailed);
            if (indexed) {
                status.put("completedIndexes", CompletedIndexes.format(completedIndexes));
                status.put("succeeded", completedIndexes.size());
            }

            int active = 0;
            int ready = 0;
            int terminating = 0;
            for (PodView view : views) {
                if (view.active()) {
                    active++;
                    ready += isReady(view.pod()) ? 1 : 0;
                } else if (view.terminating()) {
                    terminating++;
                }
            }
            int succeeded = status.path("succeeded").asInt(0) + (indexed ? 0 : uncountedSucceeded.size());
            int failed = status.path("failed").asInt(0) + uncountedFailed.size();

            // Decide whether the Job is done, unless an earlier sync already has.
            ObjectNode target = null;
            if (!failing && Jobs.trueCondition(job, "SuccessCriteriaMet") == null) {
                if (failJobMessage != null) {
                    target = condition("FailureTarget", "PodFailurePolicy", failJobMessage);
                } else if (failed > spec.path("backoffLimit").asInt(6) || restartsPastLimit()) {
                    target = condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
                } else if (pastDeadline()) {
                    target = condition("FailureTarget", "DeadlineExceeded", "Job was active longer than specified deadline");
                } else if (complete(succeeded, active)) {
                    target = condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods");
                }
                if (target != null) {
                    conditions().add(target);
                    failing = target.path("type").asText().equals("FailureTarget");
                }
            }
            boolean succeeding = Jobs.trueCondition(job, "SuccessCriteriaMet") != null
                    || (target != null && target.path("type").asText().equals("SuccessCriteriaMet"));

            List<ObjectNode> toDelete = new ArrayList<>();
            List<ObjectNode> toDeleteUntracked = new ArrayList<>();
            int toCreate = 0;
            List<Integer> indexesToCreate = new ArrayList<>();
            if (failing || succeeding) {
                // Active pods of a failed Job keep their finalizer: they are counted as failed once deleted.
                views.stream().filter(PodView::active).forEach(view -> toDelete.add(view.pod()));
            } else if (expectations.satisfied(key)) {
                suspendOrResume();
                int wantActive = wantActive(succeeded);
                List<PodView> activeViews = views.stream().filter(PodView::active).toList();
                if (indexed) {
                    Set<Integer> seen = new HashSet<>();
                    for (PodView view : activeViews) {
                        // Duplicates, stray indexes and indexes already completed are removed.
                        if (view.index() < 0 || view.index() >= completions || completedIndexes.contains(view.index())
                                || !seen.add(view.index()) || wantActive == 0) {
                            toDeleteUntracked.add(view.pod());
                        }
                    }
                    int missing = wantActive - (activeViews.size() - toDeleteUntracked.size());
                    for (int ix = 0; ix < completions && indexesToCreate.size() < missing; ix++) {
                        if (!completedIndexes.contains(ix) && !seen.contains(ix)) {
                            indexesToCreate.add(ix);
                        }
                    }
                } else if (activeViews.size() > wantActive) {
                    // Not yet running ones first, then the youngest.
                    activeViews.stream().sorted(Comparator.comparing((PodView v) -> isReady(v.pod()))
                                    .thenComparing(v -> Json.text(v.pod(), "metadata", "creationTimestamp"), Comparator.reverseOrder()))
                            .limit(activeViews.size() - wantActive).forEach(view -> toDeleteUntracked.add(view.pod()));
                } else {
                    toCreate = wantActive - activeViews.size();
                }
                if (toCreate > 0 || !indexesToCreate.isEmpty()) {
                    Duration wait = backoffRemaining();
                    if (!wait.isZero()) {
                        result = result.and(Result.after(wait));
                        toCreate = 0;
                        indexesToCreate.clear();
                    }
                }
            }
            active -= toDelete.size() + toDeleteUntracked.size();
            terminating += toDelete.size() + toDeleteUntracked.size();
            ready -= (int) toDelete.stream().filter(JobController::isReady).count()
                    + (int) toDeleteUntracked.stream().filter(JobController::isReady).count();

            // Counted pods go into uncountedTerminatedPods before their finalizers go.
            status.put("active", active).put("ready", ready).put("terminating", terminating);
            writeStatus(original);
            original = status.deepCopy();
            if (!toRelease.isEmpty()) {
                toRelease.forEach(JobController.this::removeFinalizer);
                Set<String> left = new HashSet<>(stillTracked);
                toRelease.forEach(pod -> left.remove(Json.text(pod, "metadata", "uid")));
                flush(uncountedSucceeded, "succeeded", left);
                flush(uncountedFailed, "failed", left);
                setUids("succeeded", uncountedSucceeded);
                setUids("failed", uncountedFailed);
            }
            int creations = toCreate + indexesToCreate.size();
            int deletions = toDelete.size() + toDeleteUntracked.size();
            if (creations + deletions > 0) {
                expectations.expect(key, Math.min(creations, MAX_PODS_PER_SYNC), Math.min(deletions, MAX_PODS_PER_SYNC));
            }
            deletePods(toDelete, true);
            deletePods(toDeleteUntracked, false);
            createPods(creations, indexesToCreate);
            if ((failing || succeeding) && uncountedSucceeded.isEmpty() && uncountedFailed.isEmpty() && toDelete.isEmpty()
                    && terminating == 0 && toRelease.size() == stillTracked.size()) {
                finish(failing);
            }
            writeStatus(original);
            return result;
        }

        private boolean complete(int succeeded, int active) {
            if (completions == null) {
                return succeeded > 0 && active == 0;
            }
            return succeeded >= completions && active == 0;
        }

        private int wantActive(int succeeded) {
            if (spec.path("suspend").asBoolean(false)) {
                return 0;
            }
            int parallelism = spec.path("parallelism").asInt(1);
            if (completions == null) {
                return succeeded > 0 ? 0 : parallelism;
            }
            return Math.max(0, Math.min(parallelism, completions - succeeded));
        }

        private void suspendOrResume() {
            boolean suspend = spec.path("suspend").asBoolean(false);
            JsonNode suspended = findCondition("Suspended");
            boolean isSuspended = suspended != null && "True".equals(suspended.path("status").asText());
            if (suspend && !isSuspended) {
                setCondition("Suspended", "True", "JobSuspended", "Job suspended");
                events.normal(job, "Suspended", "Job suspended");
            } else if (!suspend && isSuspended) {
                setCondition("Suspended", "False", "JobResumed", "Job resumed");
                events.normal(job, "Resumed", "Job resumed");
                // The active deadline counts from the resumption, as upstream's.
                status.put("startTime", Objects.timestamp(now));
            }
        }

        /** The terminal condition, once every pod of a Job with a target condition is counted and gone. */
        private void finish(boolean failing) {
            JsonNode target = findCondition(failing ? "FailureTarget" : "SuccessCriteriaMet");
            String reason = target.path("reason").asText();
            String message = target.path("message").asText();
            if (failing) {
                conditions().add(condition("Failed", reason, message));
                events.warning(job, reason, message);
            } else {
                conditions().add(condition("Complete", reason, message));
                status.put("completionTime", Objects.timestamp(now));
                events.normal(job, "Completed", "Job completed");
            }
        }

        private boolean restartsPastLimit() {
            if (!"OnFailure".equals(Json.text(spec, "template", "spec", "restartPolicy"))) {
                return false;
            }
            int restarts = 0;
            for (PodView view : views) {
                if (view.active()) {
                    for (JsonNode container : view.pod().path("status").path("containerStatuses")) {
                        restarts += container.path("restartCount").asInt(0);
                    }
                }
            }
            int limit = spec.path("backoffLimit").asInt(6);
            return limit == 0 ? restarts > 0 : restarts >= limit;
        }

        private boolean pastDeadline() {
            Instant started = Jobs.time(status, "startTime");
            if (!spec.hasNonNull("activeDeadlineSeconds") || started == null || spec.path("suspend").asBoolean(false)) {
                return false;
            }
            Instant deadline = started.plusSeconds(spec.get("activeDeadlineSeconds").asLong());
            if (!now.isBefore(deadline)) {
                return true;
            }
            result = result.and(Result.after(Duration.between(now, deadline)));
            return false;
        }

        /**
         * What is left of the back-off after the failures since the last success. The pods stay
         * until the Job goes, so the cache tells it level-based; ignored failures do not count.
         */
        private Duration backoffRemaining() {
            Instant lastSuccess = null;
            for (PodView view : views) {
                if (view.succeeded()) {
                    Instant finished = finishedAt(view.pod());
                    lastSuccess = lastSuccess == null || finished.isAfter(lastSuccess) ? finished : lastSuccess;
                }
            }
            int failures = 0;
            Instant lastFailure = null;
            for (PodView view : views) {
                if (view.failed() && PodFailurePolicy.match(spec.get("podFailurePolicy"), view.pod()).counts()) {
                    Instant finished = finishedAt(view.pod());
                    if (lastSuccess == null || finished.isAfter(lastSuccess)) {
                        failures++;
                        lastFailure = lastFailure == null || finished.isAfter(lastFailure) ? finished : lastFailure;
                    }
                }
            }
            return Backoff.remainingDelay(failures, lastFailure, now);
        }

        private void createPods(int count, List<Integer> indexes) {
            count = Math.min(count, MAX_PODS_PER_SYNC);
            // Slow start as upstream: 1, 2, 4 … so that a failing template costs one call, not hundreds.
            int created = 0;
            int batch = 1;
            while (created < count) {
                int end = Math.min(count, created + batch);
                for (int i = created; i < end; i++) {
                    ObjectNode pod = JobPods.fromTemplate(job, indexes.isEmpty() ? -1 : indexes.get(i));
                    try {
                        ObjectNode stored = podStore.create(Objects.namespace(job), pod, false);
                        events.normal(job, "SuccessfulCreate", "Created pod: " + Objects.name(stored));
                    } catch (ApiException e) {
                        for (int j = i; j < count; j++) {
                            expectations.creationObserved(key);
                        }
                        events.warning(job, "FailedCreate", "Error creating: " + e.getMessage());
                        result = Result.RETRY;
                        return;
                    }
                }
                created = end;
                batch *= 2;
            }
        }

        /** Deletes pods; {@code keepFinalizer} for pods that are to be counted as failed once gone. */
        private void deletePods(List<ObjectNode> victims, boolean keepFinalizer) {
            victims = victims.subList(0, Math.min(victims.size(), MAX_PODS_PER_SYNC));
            for (ObjectNode pod : victims) {
                try {
                    if (!keepFinalizer) {
                        removeFinalizer(pod);
                    }
                    podStore.delete(Objects.namespace(pod), Objects.name(pod), DeleteOptions.DEFAULT, false,
                            GracefulDeletion.forType(podStore.type(), DeleteOptions.DEFAULT));
                    events.normal(job, "SuccessfulDelete", "Deleted pod: " + Objects.name(pod));
                } catch (ApiException e) {
                    expectations.deletionObserved(key);
                    if (e.code() != 404) {
                        events.warning(job, "FailedDelete", "Error deleting: " + e.getMessage());
                        result = Result.RETRY;
                    }
                }
            }
        }

        private void flush(Set<String> uncounted, String counter, Set<String> tracked) {
            int moved = 0;
            for (String uid : new ArrayList<>(uncounted)) {
                if (!tracked.contains(uid)) {
                    uncounted.remove(uid);
                    moved++;
                }
            }
            if (moved > 0 && !(indexed && counter.equals("succeeded"))) {
                status.put(counter, status.path(counter).asInt(0) + moved);
            }
        }

        private Set<String> uids(String field) {
            Set<String> uids = new LinkedHashSet<>();
            status.path("uncountedTerminatedPods").path(field).forEach(uid -> uids.add(uid.asText()));
            return uids;
        }

        private void setUids(String field, Set<String> uids) {
            ObjectNode uncounted = Json.with(status, "uncountedTerminatedPods");
            if (uids.isEmpty()) {
                uncounted.remove(field);
            } else {
                ArrayNode array = uncounted.putArray(field);
                uids.forEach(array::add);
            }
        }

        private ArrayNode conditions() {
            return status.withArray("conditions");
        }

        private JsonNode findCondition(String type) {
            for (JsonNode condition : status.path("conditions")) {
                if (type.equals(condition.path("type").asText())) {
                    return condition;
                }
            }
            return null;
        }

        private void setCondition(String type, String value, String reason, String message) {
            JsonNode existing = findCondition(type);
            ObjectNode condition = condition(type, reason, message).put("status", value);
            if (existing == null) {
                conditions().add(condition);
            } else {
                ((ObjectNode) existing).setAll(condition);
            }
        }

        private ObjectNode condition(String type, String reason, String message) {
            String time = Objects.timestamp(now);
            return Json.object().put("type", type).put("status", "True").put("lastProbeTime", time).put("lastTransitionTime", time)
                    .put("reason", reason).put("message", message);
        }

        private void writeStatus(ObjectNode before) {
            // Upstream omits these when zero or empty (omitempty); ready and terminating are pointers, kept.
            for (String field : new String[] {"active", "succeeded", "failed"}) {
                if (status.path(field).asInt(-1) == 0) {
                    status.remove(field);
                }
            }
            if (status.path("completedIndexes").asText("x").isEmpty()) {
                status.remove("completedIndexes");
            }
            if (Json.sameJson(before, status)) {
                return;
            }
            try {
                jobStore.update(Objects.namespace(job), Objects.name(job), current -> {
                    if (!Json.text(current, "metadata", "uid").equals(Json.text(job, "metadata", "uid"))) {
                        throw ApiException.notFound(jobStore.type(), Objects.name(job));
                    }
                    current.set("status", status.deepCopy());
                    return current;
                }, Part.STATUS, false);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    /** Removes the tracking finalizer; whether it was there. */
    private boolean removeFinalizer(ObjectNode pod) {
        if (!hasFinalizer(pod)) {
            return false;
        }
        try {
            podStore.update(Objects.namespace(pod), Objects.name(pod), current -> {
                ArrayNode finalizers = Json.with(current, "metadata").withArray("finalizers");
                for (int i = finalizers.size() - 1; i >= 0; i--) {
                    if (TRACKING_FINALIZER.equals(finalizers.get(i).asText())) {
                        finalizers.remove(i);
                    }
                }
                return current;
            }, Part.MAIN, false);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
        return true;
    }

    static boolean isReady(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                return "True".equals(condition.path("status").asText());
            }
        }
        return false;
    }

    /**
     * When a finished pod finished: its last container's end, else its last condition change, else
     * its deletion or creation (an early estimate, where upstream takes the time it noticed).
     */
    static Instant finishedAt(JsonNode pod) {
        Instant finished = null;
        for (JsonNode container : pod.path("status").path("containerStatuses")) {
            Instant at = Jobs.time(container, "state", "terminated", "finishedAt");
            finished = at != null && (finished == null || at.isAfter(finished)) ? at : finished;
        }
        if (finished == null) {
            for (JsonNode condition : pod.path("status").path("conditions")) {
                Instant at = Jobs.time(condition, "lastTransitionTime");
                finished = at != null && (finished == null || at.isAfter(finished)) ? at : finished;
            }
        }
        if (finished == null) {
            finished = Jobs.time(pod, "metadata", "deletionTimestamp");
        }
        return finished != null ? finished : Jobs.time(pod, "metadata", "creationTimestamp");
    }
}
