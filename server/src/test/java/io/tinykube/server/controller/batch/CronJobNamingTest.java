package io.tinykube.server.controller.batch;

import io.tinykube.server.controller.batch.CronJobTimes.Due;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.controller.batch.Schedules.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a scheduled start shows on its Job and in events. */
class CronJobNamingTest {
    private static final Instant NEW_YEAR = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void jobNameIsMinutesSinceTheEpoch() {
        assertEquals("hello-28928160", CronJobTimes.jobName("hello", NEW_YEAR));
        assertEquals("hello-28928160", CronJobTimes.jobName("hello", NEW_YEAR.plusSeconds(59)));
        assertEquals("hello-28928161", CronJobTimes.jobName("hello", NEW_YEAR.plusSeconds(60)));
    }

    @Test
    void scheduledTimestampInTheCronJobsZone() {
        assertEquals("batch.kubernetes.io/cronjob-scheduled-timestamp", CronJobTimes.SCHEDULED_TIMESTAMP_ANNOTATION);
        assertEquals("2025-01-01T00:00:00Z", CronJobTimes.scheduledTimestamp(NEW_YEAR, null), "UTC without a timeZone");
        assertEquals("2025-01-01T01:00:00+01:00", CronJobTimes.scheduledTimestamp(NEW_YEAR, "Europe/Berlin"));
        assertEquals("2024-12-31T19:00:00-05:00", CronJobTimes.scheduledTimestamp(NEW_YEAR, "America/New_York"));
        assertEquals("unknown time zone Mars/Olympus",
                assertThrows(IllegalArgumentException.class, () -> CronJobTimes.scheduledTimestamp(NEW_YEAR, "Mars/Olympus")).getMessage());
    }

    @Test
    void missedScheduleEventSaysTheTimeInUtc() {
        Due due = new Due(at("2025-01-01T01:00:00+01:00", "Europe/Berlin"), 0, true);
        assertEquals("Missed scheduled time to start a job: Wed, 01 Jan 2025 00:00:00 +0000", due.missedScheduleMessage());
    }
}
