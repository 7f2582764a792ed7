package io.tinykube.server.controller.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.controller.batch.Schedules.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** When the controller looks at a CronJob again: just after its next activation. */
class CronJobRequeueTest {
    private static Duration requeue(String schedule, String created, String lastScheduled, ZonedDateTime now) {
        return CronJobTimes.requeueAfter(CronSchedule.parse(schedule), Instant.parse(created),
                lastScheduled == null ? null : Instant.parse(lastScheduled), now);
    }

    @Test
    void untilTheFirstActivation() {
        assertEquals(Duration.ofMillis(1100), requeue("* * * * *", "2025-01-01T10:00:30Z", null, at("2025-01-01T10:00:59Z", "UTC")));
    }

    @Test
    void afterStartingUntilTheNextOne() {
        assertEquals(Duration.ofMillis(55_100),
                requeue("* * * * *", "2025-01-01T10:00:30Z", "2025-01-01T10:01:00Z", at("2025-01-01T10:01:05Z", "UTC")));
    }

    @Test
    void afterMissedStartsFromTheMostRecentOne() {
        assertEquals(Duration.ofMinutes(30).plusMillis(100),
                requeue("0 * * * *", "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z", at("2025-01-01T05:30:00Z", "UTC")));
    }

    @Test
    void anOvershotEstimateAimsPastNow() {
        assertEquals(Duration.ofHours(288).plusMillis(100),
                requeue("0 0 1,2 * *", "2024-12-31T12:00:00Z", null, at("2025-01-20T00:00:00Z", "UTC")), "February 1st");
    }

    @Test
    void aScheduleThatNeverFiresComesBackAtOnce() {
        assertEquals(Duration.ZERO, requeue("0 0 30 2 *", "2024-12-01T00:00:00Z", null, at("2025-01-04T00:00:30Z", "UTC")));
    }
}
