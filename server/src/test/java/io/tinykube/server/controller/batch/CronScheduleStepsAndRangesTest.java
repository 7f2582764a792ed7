package io.tinykube.server.controller.batch;

import org.junit.jupiter.api.Test;

import static io.tinykube.server.controller.batch.Schedules.next;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The five fields with *, ?, lists, ranges, steps and names, and "strictly after" to the minute. */
class CronScheduleStepsAndRangesTest {
    @Test
    void everyFiveMinutes() {
        assertEquals("2025-01-01T10:05:00Z", next("*/5 * * * *", "2025-01-01T10:03:00Z"));
        assertEquals("2025-01-01T10:10:00Z", next("*/5 * * * *", "2025-01-01T10:05:00Z"));
    }

    @Test
    void steppedRangeWrapsToTheNextHour() {
        assertEquals("2025-01-01T11:01:00Z", next("1-30/2 * * * *", "2025-01-01T10:29:00Z"));
    }

    @Test
    void startWithStepRunsToTheFieldsMaximum() {
        assertEquals("2025-01-01T10:50:00Z", next("5/15 * * * *", "2025-01-01T10:35:00Z"));
        assertEquals("2025-01-01T11:05:00Z", next("5/15 * * * *", "2025-01-01T10:50:00Z"));
    }

    @Test
    void officeHoursOnWeekdays() {
        String spec = "*/15 9-17 * * MON-FRI";
        assertEquals("2025-01-08T12:15:00Z", next(spec, "2025-01-08T12:07:00Z"));
        assertEquals("2025-01-06T09:00:00Z", next(spec, "2025-01-03T17:45:00Z"), "Friday's last is 17:45, then Monday");
        assertEquals("2025-01-06T09:00:00Z", next(spec, "2025-01-04T08:00:00Z"), "not on Saturday");
    }

    @Test
    void lists() {
        assertEquals("2025-01-01T20:00:00Z", next("0,30 8,20 * * *", "2025-01-01T08:30:00Z"));
    }

    @Test
    void namesInAnyCase() {
        assertEquals("2025-07-01T00:00:00Z", next("0 0 1 jan,Jul *", "2025-01-01T00:00:00Z"));
        assertEquals("2025-01-05T12:00:00Z", next("0 12 * * sun", "2025-01-01T00:00:00Z"));
        assertEquals(next("0 12 * * 0", "2025-01-01T00:00:00Z"), next("0 12 * * SUN", "2025-01-01T00:00:00Z"));
    }

    @Test
    void questionMarkIsAStar() {
        assertEquals(next("0 12 * * *", "2025-01-01T13:00:00Z"), next("0 12 ? * ?", "2025-01-01T13:00:00Z"));
    }

    @Test
    void strictlyAfterEvenWithinTheSameSecond() {
        assertEquals("2025-01-01T10:06:00Z", next("* * * * *", "2025-01-01T10:05:00Z"));
        assertEquals("2025-01-01T10:06:00Z", next("* * * * *", "2025-01-01T10:05:00.5Z"));
    }

    @Test
    void theDayOfMonth31SkipsShorterMonths() {
        assertEquals("2025-05-31T00:00:00Z", next("0 0 31 * *", "2025-03-31T00:00:00Z"));
    }
}
