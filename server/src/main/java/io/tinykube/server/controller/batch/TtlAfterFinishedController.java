package io.tinykube.server.controller.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.Objects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Upstream's TTL-after-finished controller: a finished Job with {@code spec.ttlSecondsAfterFinished}
 * is deleted that long after its Complete or Failed condition, with foreground propagation so that
 * its pods go first. A Job whose TTL is changed meanwhile is judged by the stored, current one.
 */
public final class TtlAfterFinishedController implements Controller, Reconciler {
    private Informer jobs;
    private GenericStore jobStore;
    private Clock clock;

    @Override
    public void start(ControllerContext context) {
        clock = context.clock();
        jobs = context.informers().get("batch", "v1", "jobs");
        jobStore = context.store("batch", "v1", "jobs");
        context.runner("ttl-after-finished", this).watch(jobs, TtlAfterFinishedController::needsCleanup);
    }

    private static boolean needsCleanup(JsonNode job) {
        return job.path("spec").hasNonNull("ttlSecondsAfterFinished") && !Objects.isDeleting(job) && Jobs.finishedCondition(job) != null;
    }

    @Override
    public Result reconcile(String namespace, String name) {
        ObjectNode cached = jobs.get(namespace, name).orElse(null);
        if (cached == null || !needsCleanup(cached)) {
            return Result.DONE;
        }
        Duration left = left(cached);
        if (!left.isNegative() && !left.isZero()) {
            return Result.after(left);
        }
        // The cache may be behind a TTL change: decide again on the stored Job, as upstream does.
        ObjectNode job = jobStore.find(namespace, name).orElse(null);
        if (job == null || !needsCleanup(job)) {
            return Result.DONE;
        }
        left = left(job);
        if (!left.isNegative() && !left.isZero()) {
            return Result.after(left);
        }
        try {
            jobStore.delete(namespace, name, new DeleteOptions("Foreground", null, Json.text(job, "metadata", "uid"),
                    Json.text(job, "metadata", "resourceVersion")), false, null);
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

    private Duration left(JsonNode job) {
        Instant finished = Jobs.time(Jobs.finishedCondition(job), "lastTransitionTime");
        if (finished == null) {
            return Duration.ZERO;
        }
        Instant expires = finished.plusSeconds(job.path("spec").get("ttlSecondsAfterFinished").asLong());
        return Duration.between(clock.instant(), expires);
    }
}
