package io.tinykube.server.controller.batch;

import static io.tinykube.server.controller.batch.CronJobStartsJobsOnScheduleTest.firstMinuteAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forbid skips a start while a Job runs; Replace deletes the running one first; Allow runs both. */
class CronJobConcurrencyPolicyTest {
    @TempDir
    Path dir;
    private CronJobHarness h;

    @BeforeEach
    void open() {
        h = new CronJobHarness(dir);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private Instant firstStart(String name, String policy) {
        ObjectNode cronJob = h.cronJob(name, "* * * * *", Json.object().put("concurrencyPolicy", policy));
        Instant first = firstMinuteAfter(h.created(cronJob));
        h.clock.set(first.plusSeconds(1));
        h.reconcileAndSettle(name);
        return first;
    }

    private static String job(String cronJob, Instant scheduled) {
        return cronJob + "-" + scheduled.getEpochSecond() / 60;
    }

    @Test
    void forbidSkipsWhileTheJobRunsAndStartsOnceItHasFinished() {
        Instant first = firstStart("forbid", "Forbid");
        h.clock.set(first.plusSeconds(61));
        h.reconcileAndSettle("forbid");
        assertEquals(List.of(job("forbid", first)), h.jobNames());
        h.awaitEvent("JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid");

        h.finish(job("forbid", first), true, first.plusSeconds(1), first.plusSeconds(70));
        h.clock.set(first.plusSeconds(71));
        h.reconcileAndSettle("forbid");
        assertEquals(List.of(job("forbid", first), job("forbid", first.plusSeconds(60))), h.jobNames(),
                "the skipped start is taken up once the first Job is done");
    }

    @Test
    void replaceDeletesTheRunningJob() {
        Instant first = firstStart("replace", "Replace");
        h.clock.set(first.plusSeconds(61));
        h.reconcileAndSettle("replace");
        String second = job("replace", first.plusSeconds(60));
        assertEquals(List.of(second), h.jobNames());
        assertEquals(second, h.status("replace").path("active").path(0).path("name").asText());
        assertEquals(1, h.status("replace").path("active").size());
        h.awaitEvent("SuccessfulDelete: Deleted job " + job("replace", first));
    }

    @Test
    void allowRunsJobsSideBySide() {
        Instant first = firstStart("allow", "Allow");
        h.clock.set(first.plusSeconds(61));
        h.reconcileAndSettle("allow");
        assertEquals(List.of(job("allow", first), job("allow", first.plusSeconds(60))), h.jobNames());
        assertEquals(2, h.status("allow").path("active").size());
    }
}
