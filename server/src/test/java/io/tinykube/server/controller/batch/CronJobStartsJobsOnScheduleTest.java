package io.tinykube.server.controller.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At each due time the CronJob gets one Job made from its template, listed as active, and sleeps until the next. */
class CronJobStartsJobsOnScheduleTest {
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

    static Instant firstMinuteAfter(Instant instant) {
        return CronSchedule.parse("* * * * *").next(instant.atZone(ZoneOffset.UTC)).orElseThrow().toInstant();
    }

    @Test
    void nothingBeforeTheFirstStartThenOneJobFromTheTemplate() {
        ObjectNode cronJob = h.cronJob("every", "* * * * *", Json.object());
        Instant first = firstMinuteAfter(h.created(cronJob));
        h.clock.set(first.minusSeconds(1));
        Result waiting = h.reconcileAndSettle("every");
        assertEquals(Result.Kind.AFTER, waiting.kind());
        assertEquals(Duration.ofMillis(1100), waiting.after(), "wakes just after the start");
        assertEquals(List.of(), h.jobNames());

        h.clock.set(first.plusSeconds(2));
        Result started = h.reconcileAndSettle("every");
        String name = "every-" + first.getEpochSecond() / 60;
        assertEquals(List.of(name), h.jobNames());
        assertEquals(Duration.ofSeconds(58).plusMillis(100), started.after(), "then sleeps until the next minute");
        ObjectNode job = h.jobs.get(CronJobHarness.NS, name);
        assertEquals("batch", Json.text(job, "metadata", "labels", "team"));
        assertEquals("from-template", Json.text(job, "metadata", "annotations", "note"));
        assertEquals(Objects.timestamp(first),
                Json.text(job, "metadata", "annotations", CronJobTimes.SCHEDULED_TIMESTAMP_ANNOTATION));
        JsonNode owner = job.path("metadata").path("ownerReferences").path(0);
        assertEquals("CronJob", owner.path("kind").asText());
        assertEquals(Json.text(cronJob, "metadata", "uid"), owner.path("uid").asText());
        assertTrue(owner.path("controller").asBoolean());
        ObjectNode status = h.status("every");
        assertEquals(Objects.timestamp(first), status.path("lastScheduleTime").asText());
        assertEquals(name, status.path("active").path(0).path("name").asText());
        assertEquals(Json.text(job, "metadata", "uid"), status.path("active").path(0).path("uid").asText());
        h.awaitEvent("SuccessfulCreate: Created job " + name);

        h.reconcileAndSettle("every");
        assertEquals(List.of(name), h.jobNames(), "the same start never makes a second Job");
    }

    @Test
    void aSuspendedCronJobStartsNothing() {
        ObjectNode cronJob = h.cronJob("paused", "* * * * *", Json.object().put("suspend", true));
        h.clock.set(firstMinuteAfter(h.created(cronJob)).plusSeconds(5));
        assertEquals(Result.DONE, h.reconcileAndSettle("paused"));
        assertEquals(List.of(), h.jobNames());
    }

    @Test
    void aFinishedJobLeavesTheActiveListAndSetsLastSuccessfulTime() {
        ObjectNode cronJob = h.cronJob("tracked", "* * * * *", Json.object());
        Instant first = firstMinuteAfter(h.created(cronJob));
        h.clock.set(first.plusSeconds(1));
        h.reconcileAndSettle("tracked");
        String name = h.jobNames().get(0);
        h.finish(name, true, first.plusSeconds(1), first.plusSeconds(20));
        h.clock.set(first.plusSeconds(21));
        h.reconcileAndSettle("tracked");
        ObjectNode status = h.status("tracked");
        assertTrue(status.path("active").isMissingNode(), status.toString());
        assertEquals(Objects.timestamp(first.plusSeconds(20)), status.path("lastSuccessfulTime").asText());
        h.awaitEvent("SawCompletedJob: Saw completed job: " + name + ", condition: Complete");
    }

    @Test
    void missedStartsBeginOnlyTheLatestOne() {
        ObjectNode cronJob = h.cronJob("late", "* * * * *", Json.object());
        Instant first = firstMinuteAfter(h.created(cronJob));
        h.clock.set(first.plus(Duration.ofMinutes(10)).plusSeconds(5));
        h.reconcileAndSettle("late");
        assertEquals(List.of("late-" + (first.getEpochSecond() / 60 + 10)), h.jobNames());
    }

    @Test
    void aStartPastItsDeadlineIsSkipped() {
        ObjectNode cronJob = h.cronJob("strict", "* * * * *", Json.object().put("startingDeadlineSeconds", 10));
        Instant first = firstMinuteAfter(h.created(cronJob));
        h.clock.set(first.plusSeconds(30));
        h.reconcileAndSettle("strict");
        assertEquals(List.of(), h.jobNames(), "30 s late with a 10 s deadline");
        h.clock.set(first.plusSeconds(65));
        h.reconcileAndSettle("strict");
        assertEquals(List.of("strict-" + (first.getEpochSecond() / 60 + 1)), h.jobNames(), "the next one, 5 s late, starts");
    }
}
