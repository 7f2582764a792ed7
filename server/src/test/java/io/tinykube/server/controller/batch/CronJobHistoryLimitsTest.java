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

/** Finished Jobs beyond successfulJobsHistoryLimit and failedJobsHistoryLimit go, oldest start first. */
class CronJobHistoryLimitsTest {
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

    @Test
    void keepsTheNewestFinishedJobsOfEachKind() {
        ObjectNode cronJob = h.cronJob("hist", "* * * * *", Json.object().put("successfulJobsHistoryLimit", 2).put("failedJobsHistoryLimit", 1));
        Instant first = firstMinuteAfter(h.created(cronJob));
        // Six runs: minutes 0-3 succeed, 4 and 5 fail.
        for (int minute = 0; minute < 6; minute++) {
            Instant start = first.plusSeconds(60L * minute);
            h.clock.set(start.plusSeconds(1));
            h.reconcileAndSettle("hist");
            h.finish("hist-" + start.getEpochSecond() / 60, minute < 4, start.plusSeconds(1), start.plusSeconds(30));
        }
        h.clock.set(first.plusSeconds(60L * 5 + 31));
        h.reconcileAndSettle("hist");
        long base = first.getEpochSecond() / 60;
        assertEquals(List.of("hist-" + (base + 2), "hist-" + (base + 3), "hist-" + (base + 5)), h.jobNames());
        h.awaitEvent("SuccessfulDelete: Deleted job hist-" + base);
        h.awaitEvent("SuccessfulDelete: Deleted job hist-" + (base + 4));
    }
}
