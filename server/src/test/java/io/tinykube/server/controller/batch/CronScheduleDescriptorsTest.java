package io.tinykube.server.controller.batch;

import org.junit.jupiter.api.Test;

import static io.tinykube.server.controller.batch.Schedules.next;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The @ descriptors ParseStandard accepts, @every included (upstream's validation lets it through), and TZ= prefixes. */
class CronScheduleDescriptorsTest {
    @Test
    void namedSchedules() {
        assertEquals("2026-01-01T00:00:00Z", next("@yearly", "2025-06-01T00:00:00Z"));
        assertEquals("2026-01-01T00:00:00Z", next("@annually", "2025-06-01T00:00:00Z"));
        assertEquals("2025-07-01T00:00:00Z", next("@monthly", "2025-06-15T00:00:00Z"));
        assertEquals("2025-06-22T00:00:00Z", next("@weekly", "2025-06-15T00:00:00Z"), "Sundays");
        assertEquals("2025-06-16T00:00:00Z", next("@daily", "2025-06-15T00:00:00Z"));
        assertEquals("2025-06-16T00:00:00Z", next("@midnight", "2025-06-15T10:00:00Z"));
        assertEquals("2025-06-15T11:00:00Z", next("@hourly", "2025-06-15T10:00:00Z"));
    }

    @Test
    void everyCountsFromTheWholeSecond() {
        assertEquals("2025-06-15T10:01:30Z", next("@every 90s", "2025-06-15T10:00:00.7Z"));
        assertEquals("2025-06-15T11:30:00Z", next("@every 1h30m", "2025-06-15T10:00:00Z"));
    }

    @Test
    void everyRoundsBelowASecondUpAndDropsFractions() {
        assertEquals("2025-06-15T10:00:01Z", next("@every 500ms", "2025-06-15T10:00:00Z"));
        assertEquals("2025-06-15T10:00:01Z", next("@every 1.5s", "2025-06-15T10:00:00Z"));
        assertEquals("2025-06-15T10:00:01Z", next("@every -5m", "2025-06-15T10:00:00Z"));
    }

    @Test
    void timeZonePrefix() {
        assertEquals("2025-06-15T22:00:00Z", next("TZ=Europe/Berlin @daily", "2025-06-15T10:00:00Z"));
        assertEquals("2025-06-15T22:00:00Z", next("CRON_TZ=Europe/Berlin 0 0 * * *", "2025-06-15T10:00:00Z"));
        assertEquals("2025-06-15T11:00:00Z", next("TZ=Europe/Berlin @every 1h", "2025-06-15T10:00:00Z"), "@every has no zone");
        assertEquals("2025-06-16T00:00:00+02:00", next("TZ=Local @daily", "2025-06-15T10:00:00Z", "Europe/Berlin"),
                "Local is the zone of the time given");
    }

    @Test
    void theCronJobsTimeZoneBecomesThePrefixUnlessTheScheduleHasOne() {
        assertEquals(CronSchedule.parse("TZ=Asia/Tokyo 0 9 * * *").next(Schedules.at("2025-06-15T10:00:00Z", "UTC")),
                CronSchedule.forCronJob("0 9 * * *", "Asia/Tokyo").next(Schedules.at("2025-06-15T10:00:00Z", "UTC")));
        assertEquals(CronSchedule.parse("TZ=Europe/Berlin 0 9 * * *").next(Schedules.at("2025-06-15T10:00:00Z", "UTC")),
                CronSchedule.forCronJob("TZ=Europe/Berlin 0 9 * * *", "Asia/Tokyo").next(Schedules.at("2025-06-15T10:00:00Z", "UTC")));
        assertEquals(CronSchedule.parse("0 9 * * *").next(Schedules.at("2025-06-15T10:00:00Z", "UTC")),
                CronSchedule.forCronJob("0 9 * * *", "Mars/Olympus").next(Schedules.at("2025-06-15T10:00:00Z", "UTC")),
                "an unknown zone is left out, as upstream (which refuses to sync such a CronJob anyway)");
    }
}
