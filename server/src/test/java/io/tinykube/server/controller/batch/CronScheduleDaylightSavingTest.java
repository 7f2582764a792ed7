package io.tinykube.server.controller.batch;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.controller.batch.Schedules.at;
import static io.tinykube.server.controller.batch.Schedules.next;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Wall-clock schedules across DST, as robfig/cron v3 runs them (its own test vectors for New York):
 * a time the spring-forward skips does not fire that day; a time in the repeated autumn hour fires
 * in both of them.
 */
class CronScheduleDaylightSavingTest {
    private static final String NEW_YORK = "America/New_York";

    @Test
    void newYorkSpringForward() {
        assertEquals("2012-03-11T03:00:00-04:00", next("0 * * * *", "2012-03-11T01:00:00-05:00", NEW_YORK));
        assertEquals("2012-03-12T02:00:00-04:00", next("0 2 * * *", "2012-03-11T00:00:00-05:00", NEW_YORK));
        assertEquals("2013-03-11T02:30:00-04:00", next("30 2 11 3 *", "2012-03-11T00:00:00-05:00", NEW_YORK));
    }

    @Test
    void newYorkFallBackRunsTheRepeatedHourTwice() {
        assertEquals("2012-11-04T01:00:00-04:00", next("0 1 * * *", "2012-11-04T00:00:00-04:00", NEW_YORK));
        assertEquals("2012-11-04T01:00:00-05:00", next("0 1 * * *", "2012-11-04T01:00:00-04:00", NEW_YORK));
        assertEquals("2012-11-05T01:00:00-05:00", next("0 1 * * *", "2012-11-04T01:00:00-05:00", NEW_YORK));
        assertEquals("2012-11-04T02:00:00-05:00", next("0 2 * * *", "2012-11-04T00:00:00-04:00", NEW_YORK));
    }

    @Test
    void berlinSpringForwardSkipsHalfPastTwo() {
        CronSchedule schedule = CronSchedule.forCronJob("30 2 * * *", "Europe/Berlin");
        assertEquals(at("2024-04-01T02:30:00+02:00", "UTC"), schedule.next(at("2024-03-31T00:00:00+01:00", "UTC")).orElseThrow());
        CronSchedule hourly = CronSchedule.forCronJob("0 * * * *", "Europe/Berlin");
        assertEquals(at("2024-03-31T03:00:00+02:00", "UTC"), hourly.next(at("2024-03-31T01:00:00+01:00", "UTC")).orElseThrow());
    }

    @Test
    void berlinFallBackFiresInBothHalfPastTwos() {
        CronSchedule schedule = CronSchedule.forCronJob("30 2 * * *", "Europe/Berlin");
        ZonedDateTime first = schedule.next(at("2024-10-27T00:00:00+02:00", "UTC")).orElseThrow();
        assertEquals(at("2024-10-27T02:30:00+02:00", "UTC"), first);
        ZonedDateTime second = schedule.next(first).orElseThrow();
        assertEquals(at("2024-10-27T02:30:00+01:00", "UTC"), second);
        assertEquals(at("2024-10-28T02:30:00+01:00", "UTC"), schedule.next(second).orElseThrow());
    }

    @Test
    void resultIsInTheCallersZoneComputedInTheSchedules() {
        CronSchedule schedule = CronSchedule.forCronJob("0 0 * * *", "Europe/Berlin");
        assertEquals(at("2024-10-27T23:00:00Z", "UTC"), schedule.next(at("2024-10-27T01:30:00Z", "UTC")).orElseThrow(),
                "midnight in Berlin after the change is 23:00 UTC");
    }

    @Test
    void withoutTimeZoneTheTimeGivensZoneIsUsed() {
        assertEquals("2024-10-27T02:30:00+01:00", next("30 2 * * *", "2024-10-27T01:00:00Z", "Europe/Berlin"));
        assertEquals("2024-10-27T02:30:00Z", next("30 2 * * *", "2024-10-27T01:00:00Z", "UTC"));
    }
}
