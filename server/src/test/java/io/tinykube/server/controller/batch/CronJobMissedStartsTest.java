package io.tinykube.server.controller.batch;

import io.tinykube.server.controller.batch.CronJobTimes.Due;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.controller.batch.Schedules.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which start is due now and how many were missed, as upstream's nextScheduleTime decides. */
class CronJobMissedStartsTest {
    private static Optional<Due> due(String schedule, String created, String lastScheduled, Long deadline, ZonedDateTime now) {
        return CronJobTimes.due(CronSchedule.parse(schedule), Instant.parse(created),
                lastScheduled == null ? null : Instant.parse(lastScheduled), deadline, now);
    }

    @Test
    void nothingDueBeforeTheFirstActivation() {
        assertEquals(Optional.empty(), due("* * * * *", "2025-01-01T10:00:30Z", null, null, at("2025-01-01T10:00:59Z", "UTC")));
    }

    @Test
    void oneDueIsNoMiss() {
        Due due = due("* * * * *", "2025-01-01T10:00:30Z", null, null, at("2025-01-01T10:01:05Z", "UTC")).orElseThrow();
        assertEquals(at("2025-01-01T10:01:00Z", "UTC"), due.scheduledTime());
        assertEquals(0, due.missedStarts());
        assertFalse(due.tooManyMissed());
        assertFalse(due.tooLate());
    }

    @Test
    void missedStartsRunTheMostRecentOnly() {
        Due due = due("0 * * * *", "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z", null, at("2025-01-01T05:30:00Z", "UTC")).orElseThrow();
        assertEquals(at("2025-01-01T05:00:00Z", "UTC"), due.scheduledTime());
        assertEquals(5, due.missedStarts(), "01:00 to 05:00");
        assertFalse(due.tooManyMissed());
    }

    @Test
    void overAHundredMissedWarnsAndStillRuns() {
        Due due = due("* * * * *", "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z", null, at("2025-01-04T00:00:30Z", "UTC")).orElseThrow();
        assertEquals(at("2025-01-04T00:00:00Z", "UTC"), due.scheduledTime());
        assertEquals(3 * 24 * 60, due.missedStarts());
        assertTrue(due.tooManyMissed());
    }

    @Test
    void startingDeadlineLimitsHowFarBackToLook() {
        Due due = due("* * * * *", "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z", 200L, at("2025-01-04T00:00:30Z", "UTC")).orElseThrow();
        assertEquals(at("2025-01-04T00:00:00Z", "UTC"), due.scheduledTime());
        assertEquals(3, due.missedStarts(), "23:58, 23:59 and 00:00 lie in the last 200 s");
        assertFalse(due.tooManyMissed());
        assertFalse(due.tooLate(), "the search began inside the deadline");
        assertEquals(Optional.empty(), due("* * * * *", "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z", 0L, at("2025-01-04T00:00:30Z", "UTC")),
                "a zero deadline lets nothing start late");
    }

    @Test
    void everyCountsFromTheCreationSecond() {
        Due due = due("@every 1h", "2025-01-01T00:00:00.250Z", null, null, at("2025-01-01T03:30:00Z", "UTC")).orElseThrow();
        assertEquals(at("2025-01-01T03:00:00Z", "UTC"), due.scheduledTime());
        assertEquals(3, due.missedStarts());
    }

    @Test
    void aStartSkippedByDaylightSavingIsNotMissed() {
        Due due = due("30 2 * * *", "2024-03-29T12:00:00Z", null, null, at("2024-04-01T06:00:00Z", "Europe/Berlin")).orElseThrow();
        assertEquals(at("2024-04-01T02:30:00+02:00", "UTC").toInstant(), due.scheduledTime().toInstant());
        assertEquals(2, due.missedStarts(), "the 30th and the 1st; the 31st had no 02:30");
    }

    @Test
    void theEstimateCanOvershootAnIrregularSchedule() {
        // Upstream takes the first gap (1st to 2nd: a day) as the period and looks from the 19th on,
        // so the 2nd's start is not found; the same answer here.
        assertEquals(Optional.empty(), due("0 0 1,2 * *", "2024-12-31T12:00:00Z", null, null, at("2025-01-20T00:00:00Z", "UTC")));
        Due due = due("0 0 1,2 * *", "2024-12-31T12:00:00Z", null, null, at("2025-01-02T08:00:00Z", "UTC")).orElseThrow();
        assertEquals(at("2025-01-02T00:00:00Z", "UTC"), due.scheduledTime());
        assertEquals(2, due.missedStarts());
    }

    @Test
    void aScheduleThatNeverFiresIsInvalid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> due("0 0 30 2 *", "2024-12-01T00:00:00Z", null, null, at("2025-01-04T00:00:30Z", "UTC")));
        assertEquals("time difference between two schedules is less than 1 second", e.getMessage());
    }
}
