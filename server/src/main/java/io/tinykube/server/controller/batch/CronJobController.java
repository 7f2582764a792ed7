package io.tinykube.server.controller.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.EventRecorder;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.controller.runtime.StatusWrites;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.Objects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starts a CronJob's Jobs at their scheduled times, as upstream's CronJob controller (v2): one Job per
 * due start, named after it so that it is never made twice; the concurrency policy; the starting
 * deadline; the active list and the last schedule and success times; and the finished-Job history
 * limits. Between starts it sleeps until the next one (a delayed re-look), time read from the
 * context's clock.
 */
public final class CronJobController implements Controller, Reconciler {
    private static final String COMPONENT = "cronjob-controller";

    private Informer cronJobs;
    private Informer jobs;
    private GenericStore cronJobStore;
    private GenericStore jobStore;
    private EventRecorder events;
    private Clock clock;

    @Override
    public void start(ControllerContext context) {
        clock = context.clock();
        cronJobs = context.informers().get("batch", "v1", "cronjobs");
        jobs = context.informers().get("batch", "v1", "jobs");
        jobs.addIndexer(Jobs.CONTROLLER_UID_INDEX, Jobs::controllerUidIndex);
        cronJobStore = context.store("batch", "v1", "cronjobs");
        jobStore = context.store("batch", "v1", "jobs");
        events = context.events(COMPONENT);
        context.runner("cronjob", this)
                .watch(cronJobs, cronJob -> true)
                .watchMapped(jobs, job -> Jobs.controllerKey(job, "CronJob"))
                .resync(cronJobs, 300);
    }

    @Override
    public Result reconcile(String namespace, String name) {
        ObjectNode cronJob = cronJobs.get(namespace, name).orElse(null);
        if (cronJob == null) {
            return Result.DONE;
        }
        List<ObjectNode> children = jobs.byIndex(Jobs.CONTROLLER_UID_INDEX, Json.text(cronJob, "metadata", "uid"));
        ObjectNode status = cronJob.has("status") ? cronJob.get("status").deepCopy() : Json.object();
        Result result = sync(cronJob, status, children);
        cleanupFinishedJobs(cronJob, status, children);
        writeStatus(cronJob, status);
        return result;
    }

    private Result sync(ObjectNode cronJob, ObjectNode status, List<ObjectNode> children) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        Set<String> childUids = new HashSet<>();
        for (ObjectNode job : children) {
            String uid = Json.text(job, "metadata", "uid");
            childUids.add(uid);
            boolean listed = inActiveList(status, uid);
            JsonNode finished = Jobs.finishedCondition(job);
            if (!listed && finished == null) {
                events.warning(cronJob, "UnexpectedJob", "Saw a job that the controller did not create or forgot: " + Objects.name(job));
            } else if (listed && finished != null) {
                removeFromActiveList(status, uid);
                events.normal(cronJob, "SawCompletedJob", "Saw completed job: " + Objects.name(job) + ", condition: "
                        + finished.path("type").asText());
            }
            Instant completed = Jobs.time(job, "status", "completionTime");
            Instant lastSuccessful = Jobs.time(status, "lastSuccessfulTime");
            if (Jobs.succeeded(job) && completed != null && (lastSuccessful == null || completed.isAfter(lastSuccessful))) {
                status.put("lastSuccessfulTime", Objects.timestamp(completed));
            }
        }
        // An active Job that is gone (and not just late in the cache) leaves the list.
        for (JsonNode reference : activeList(status).deepCopy()) {
            String uid = reference.path("uid").asText();
            if (!childUids.contains(uid) && jobStore.find(reference.path("namespace").asText(), reference.path("name").asText())
                    .filter(job -> uid.equals(Json.text(job, "metadata", "uid"))).isEmpty()) {
                events.normal(cronJob, "MissingJob", "Active job went missing: " + reference.path("name").asText());
                removeFromActiveList(status, uid);
            }
        }
        if (Objects.isDeleting(cronJob)) {
            return Result.DONE;
        }
        JsonNode spec = cronJob.path("spec");
        String scheduleText = spec.path("schedule").asText();
        String timeZone = Json.text(spec, "timeZone");
        if (timeZone != null) {
            try {
                CronSchedule.location(timeZone);
            } catch (IllegalArgumentException e) {
                events.warning(cronJob, "UnknownTimeZone", "invalid timeZone: \"" + timeZone + "\": " + e.getMessage());
                return Result.DONE;
            }
        }
        if (spec.path("suspend").asBoolean(false)) {
            return Result.DONE;
        }
        if (scheduleText.contains("TZ")) {
            events.warning(cronJob, "UnsupportedSchedule", "CRON_TZ or TZ used in schedule \"" + scheduleText + "\" is not officially "
                    + "supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details");
        }
        CronSchedule schedule;
        try {
            schedule = CronSchedule.forCronJob(scheduleText, timeZone);
        } catch (IllegalArgumentException e) {
            events.warning(cronJob, "UnparseableSchedule", "unparseable schedule: \"" + scheduleText + "\" : " + e.getMessage());
            return Result.DONE;
        }
        Instant created = Jobs.time(cronJob, "metadata", "creationTimestamp");
        Long deadline = spec.hasNonNull("startingDeadlineSeconds") ? spec.get("startingDeadlineSeconds").asLong() : null;
        Optional<CronJobTimes.Due> due;
        try {
            due = CronJobTimes.due(schedule, created, Jobs.time(status, "lastScheduleTime"), deadline, now);
        } catch (IllegalArgumentException e) {
            events.warning(cronJob, "InvalidSchedule", "invalid schedule: " + scheduleText + " : " + e.getMessage());
            return Result.DONE;
        }
        if (due.isEmpty()) {
            return requeue(schedule, created, status, now);
        }
        CronJobTimes.Due start = due.get();
        if (start.tooManyMissed()) {
            events.warning(cronJob, "TooManyMissedTimes", "too many missed start times: " + start.missedStarts()
                    + ". Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        }
        if (start.tooLate()) {
            events.warning(cronJob, "MissSchedule", start.missedScheduleMessage());
            return requeue(schedule, created, status, now);
        }
        Instant scheduledTime = start.scheduledTime().toInstant();
        String jobName = CronJobTimes.jobName(Objects.name(cronJob), scheduledTime);
        boolean listedByName = false;
        for (JsonNode reference : activeList(status)) {
            listedByName |= jobName.equals(reference.path("name").asText());
        }
        if (listedByName || scheduledTime.equals(Jobs.time(status, "lastScheduleTime"))) {
            return requeue(schedule, created, status, now);
        }
        String policy = spec.path("concurrencyPolicy").asText("Allow");
        if (policy.equals("Forbid") && !activeList(status).isEmpty()) {
            events.normal(cronJob, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
            return requeue(schedule, created, status, now);
        }
        if (policy.equals("Replace")) {
            for (JsonNode reference : activeList(status).deepCopy()) {
                if (!deleteJob(cronJob, status, reference.path("name").asText(), reference.path("uid").asText())) {
                    return Result.RETRY;
                }
            }
        }
        ObjectNode job;
        try {
            job = jobStore.create(Objects.namespace(cronJob), jobFromTemplate(cronJob, scheduledTime, timeZone), false);
            events.normal(cronJob, "SuccessfulCreate", "Created job " + Objects.name(job));
        } catch (ApiException e) {
            if (e.code() != 409) {
                events.warning(cronJob, "FailedCreate", "Error creating job: " + e.getMessage());
                return Result.RETRY;
            }
            // Made before the status recorded it: list it now, if it is ours.
            job = jobStore.find(Objects.namespace(cronJob), jobName).orElse(null);
            if (job == null) {
                return Result.RETRY;
            }
            JsonNode owner = Jobs.controllerOf(job);
            if (owner == null || !owner.path("uid").asText().equals(Json.text(cronJob, "metadata", "uid"))
                    || inActiveList(status, Json.text(job, "metadata", "uid"))) {
                return Result.DONE;
            }
        }
        activeList(status).add(Json.object().put("kind", "Job").put("namespace", Objects.namespace(job)).put("name", Objects.name(job))
                .put("uid", Json.text(job, "metadata", "uid")).put("apiVersion", "batch/v1")
                .put("resourceVersion", Json.text(job, "metadata", "resourceVersion")));
        status.put("lastScheduleTime", Objects.timestamp(scheduledTime));
        return requeue(schedule, created, status, now);
    }

    private static Result requeue(CronSchedule schedule, Instant created, ObjectNode status, ZonedDateTime now) {
        Duration after = CronJobTimes.requeueAfter(schedule, created, Jobs.time(status, "lastScheduleTime"), now);
        return Result.after(after.isNegative() ? Duration.ZERO : after);
    }

    /** Upstream's {@code getJobFromTemplate2}: the template's labels, annotations and spec, owned by the CronJob. */
    static ObjectNode jobFromTemplate(ObjectNode cronJob, Instant scheduledTime, String timeZone) {
        JsonNode template = cronJob.path("spec").path("jobTemplate");
        ObjectNode job = Json.object().put("apiVersion", "batch/v1").put("kind", "Job");
        ObjectNode metadata = job.putObject("metadata");
        metadata.put("name", CronJobTimes.jobName(Objects.name(cronJob), scheduledTime)).put("namespace", Objects.namespace(cronJob));
        if (template.path("metadata").path("labels") instanceof ObjectNode labels) {
            metadata.set("labels", labels.deepCopy());
        }
        ObjectNode annotations = template.path("metadata").path("annotations") instanceof ObjectNode a ? a.deepCopy() : Json.object();
        annotations.put(CronJobTimes.SCHEDULED_TIMESTAMP_ANNOTATION, CronJobTimes.scheduledTimestamp(scheduledTime, timeZone));
        metadata.set("annotations", annotations);
        metadata.putArray("ownerReferences").add(Jobs.ownerReference(cronJob));
        job.set("spec", template.path("spec").deepCopy());
        return job;
    }

    /** Upstream's {@code cleanupFinishedJobs}: the oldest finished Jobs beyond each history limit go. */
    private void cleanupFinishedJobs(ObjectNode cronJob, ObjectNode status, List<ObjectNode> children) {
        JsonNode spec = cronJob.path("spec");
        List<ObjectNode> successful = new ArrayList<>();
        List<ObjectNode> failed = new ArrayList<>();
        for (ObjectNode job : children) {
            JsonNode finished = Jobs.finishedCondition(job);
            if (finished != null && !Objects.isDeleting(job)) {
                (finished.path("type").asText().equals("Complete") ? successful : failed).add(job);
            }
        }
        if (spec.hasNonNull("successfulJobsHistoryLimit")) {
            removeOldest(cronJob, status, successful, spec.get("successfulJobsHistoryLimit").asInt());
        }
        if (spec.hasNonNull("failedJobsHistoryLimit")) {
            removeOldest(cronJob, status, failed, spec.get("failedJobsHistoryLimit").asInt());
        }
    }

    private void removeOldest(ObjectNode cronJob, ObjectNode status, List<ObjectNode> finished, int limit) {
        if (finished.size() <= limit) {
            return;
        }
        // Oldest start first; Jobs that never started last, as upstream's byJobStartTime.
        List<ObjectNode> sorted = new ArrayList<>(finished);
        sorted.sort(Comparator.comparing((ObjectNode job) -> Jobs.time(job, "status", "startTime"),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Objects::name));
        for (ObjectNode job : sorted.subList(0, finished.size() - limit)) {
            deleteJob(cronJob, status, Objects.name(job), Json.text(job, "metadata", "uid"));
        }
    }

    /** Deletes a Job (its pods follow in the background) and its active-list entry. */
    private boolean deleteJob(ObjectNode cronJob, ObjectNode status, String name, String uid) {
        try {
            jobStore.delete(Objects.namespace(cronJob), name, new DeleteOptions("Background", null, uid, null), false, null);
        } catch (ApiException e) {
            if (e.code() != 404) {
                events.warning(cronJob, "FailedDelete", "Deleted job: " + e.getMessage());
                return false;
            }
        }
        removeFromActiveList(status, uid);
        events.normal(cronJob, "SuccessfulDelete", "Deleted job " + name);
        return true;
    }

    private static ArrayNode activeList(ObjectNode status) {
        return status.withArray("active");
    }

    private static boolean inActiveList(ObjectNode status, String uid) {
        for (JsonNode reference : status.path("active")) {
            if (uid.equals(reference.path("uid").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void removeFromActiveList(ObjectNode status, String uid) {
        ArrayNode active = activeList(status);
        for (int i = active.size() - 1; i >= 0; i--) {
            if (uid.equals(active.get(i).path("uid").asText())) {
                active.remove(i);
            }
        }
    }

    private void writeStatus(ObjectNode cronJob, ObjectNode status) {
        if (status.path("active").isEmpty()) {
            status.remove("active"); // omitempty, as upstream
        }
        StatusWrites.replace(cronJobStore, cronJob, status);
    }
}
