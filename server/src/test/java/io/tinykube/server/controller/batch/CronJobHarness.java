package io.tinykube.server.controller.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.ControllerRunner;
import io.tinykube.server.controller.runtime.Informers;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.FieldSelector;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceRegistry;
import io.tinykube.store.KvStores;
import io.tinykube.store.api.KvStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The CronJob controller over a real store (H2) with a clock the test moves: its work queue is
 * stopped, so the test runs each reconcile itself, after the informers have caught up.
 */
final class CronJobHarness implements AutoCloseable {
    static final String NS = "default";
    final MovableClock clock;
    final GenericStore cronJobs;
    final GenericStore jobs;
    final GenericStore events;
    private final KvStore kv;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final Informers informers;
    private final CronJobController controller = new CronJobController();

    CronJobHarness(Path dir) {
        kv = KvStores.open("h2:" + dir);
        ResourceRegistry registry = new ResourceRegistry(kv);
        cronJobs = registry.require("batch", "v1", "cronjobs");
        jobs = registry.require("batch", "v1", "jobs");
        events = registry.require("", "v1", "events");
        clock = new MovableClock(Instant.now());
        informers = new Informers(registry, executor);
        ControllerContext context = new ControllerContext(registry, informers, executor, clock, "test");
        controller.start(context);
        context.runners().forEach(ControllerRunner::stop);
    }

    /** A CronJob with this schedule and extra spec fields, created now (by the store's real clock). */
    ObjectNode cronJob(String name, String schedule, ObjectNode extraSpec) {
        ObjectNode cronJob = Json.object().put("apiVersion", "batch/v1").put("kind", "CronJob");
        Objects.metadata(cronJob).put("name", name).put("namespace", NS);
        ObjectNode spec = Json.with(cronJob, "spec").put("schedule", schedule);
        spec.setAll(extraSpec);
        ObjectNode template = Json.with(spec, "jobTemplate");
        Json.with(template, "metadata", "labels").put("team", "batch");
        Json.with(template, "metadata", "annotations").put("note", "from-template");
        ObjectNode podSpec = Json.with(template, "spec", "template", "spec").put("restartPolicy", "Never");
        podSpec.putArray("containers").addObject().put("name", "main").put("image", "busybox");
        ObjectNode created = cronJobs.create(NS, cronJob, false);
        await(() -> informer("cronjobs").get(NS, name).isPresent());
        return created;
    }

    Instant created(ObjectNode cronJob) {
        return Instant.parse(Json.text(cronJob, "metadata", "creationTimestamp"));
    }

    Result reconcile(String name) {
        return controller.reconcile(NS, name);
    }

    /** Reconciles and waits until the caches show what it wrote. */
    Result reconcileAndSettle(String name) {
        Result result = reconcile(name);
        settle();
        return result;
    }

    void settle() {
        await(() -> informer("cronjobs").list().stream().allMatch(c -> stored(cronJobs, c))
                && informer("jobs").list().size() == jobs.list(NS, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0).items().size()
                && informer("jobs").list().stream().allMatch(j -> stored(jobs, j)));
    }

    private static boolean stored(GenericStore store, ObjectNode cached) {
        return store.find(Objects.namespace(cached), Objects.name(cached))
                .map(s -> Json.text(s, "metadata", "resourceVersion").equals(Json.text(cached, "metadata", "resourceVersion")))
                .orElse(false);
    }

    List<String> jobNames() {
        return jobs.list(NS, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0).items().stream().map(Objects::name).sorted().toList();
    }

    ObjectNode status(String cronJob) {
        return (ObjectNode) cronJobs.get(NS, cronJob).path("status");
    }

    /** Marks a Job finished as the Job controller would: Complete or Failed with its start and end times. */
    void finish(String job, boolean success, Instant started, Instant ended) {
        jobs.update(NS, job, current -> {
            ObjectNode status = Json.with(current, "status").put("startTime", Objects.timestamp(started));
            var conditions = status.putArray("conditions");
            String type = success ? "Complete" : "Failed";
            conditions.addObject().put("type", success ? "SuccessCriteriaMet" : "FailureTarget").put("status", "True")
                    .put("lastTransitionTime", Objects.timestamp(ended));
            conditions.addObject().put("type", type).put("status", "True").put("lastTransitionTime", Objects.timestamp(ended));
            if (success) {
                status.put("completionTime", Objects.timestamp(ended)).put("succeeded", 1);
            }
            return current;
        }, Part.STATUS, false);
        settle();
    }

    /** The reasons and messages of the events recorded so far (they are written asynchronously). */
    String events() {
        return String.join("\n", events.list(NS, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0).items().stream()
                .map(e -> e.path("reason").asText() + ": " + e.path("message").asText()).toList());
    }

    void awaitEvent(String text) {
        await(() -> events().contains(text));
    }

    private io.tinykube.server.controller.runtime.Informer informer(String plural) {
        return informers.get("batch", "v1", plural);
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        informers.close();
        executor.shutdownNow();
        kv.close();
    }
}
