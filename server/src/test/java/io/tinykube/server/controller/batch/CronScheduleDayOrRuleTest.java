package io.tinykube.server.controller.batch;

import org.junit.jupiter.api.Test;

import static io.tinykube.server.controller.batch.Schedules.next;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Day of month and day of week both restricted: either matches (cron's OR rule). A field counts as
 * unrestricted when written * or ? (also with step 1), not when it merely covers every day.
 */
class CronScheduleDayOrRuleTest {
    @Test
    void firstAndFifteenthOrAnyFriday() {
        String spec = "0 12 1,15 * 5";
        assertEquals("2025-01-03T12:00:00Z", next(spec, "2025-01-01T12:00:00Z"), "Friday 3rd");
        assertEquals("2025-01-10T12:00:00Z", next(spec, "2025-01-03T12:00:00Z"), "Friday 10th");
        assertEquals("2025-01-15T12:00:00Z", next(spec, "2025-01-10T12:00:00Z"), "Wednesday 15th");
        assertEquals("2025-01-17T12:00:00Z", next(spec, "2025-01-15T12:00:00Z"), "Friday 17th");
    }

    @Test
    void thirteenthOrFridayNotFridayTheThirteenth() {
        assertEquals("2025-01-03T00:00:00Z", next("0 0 13 * 5", "2025-01-01T00:00:00Z"));
    }

    @Test
    void starWithStepOneStaysAStar() {
        assertEquals("2025-01-03T00:00:00Z", next("0 0 */1 * 5", "2025-01-01T00:00:00Z"), "only Fridays");
        assertEquals("2025-01-10T00:00:00Z", next("0 0 */1 * 5", "2025-01-03T00:00:00Z"));
    }

    @Test
    void starWithLargerStepRestricts() {
        assertEquals("2025-01-03T00:00:00Z", next("0 0 */2 * 5", "2025-01-01T00:00:00Z"), "3rd: odd day and Friday");
        assertEquals("2025-01-05T00:00:00Z", next("0 0 */2 * 5", "2025-01-03T00:00:00Z"), "5th: odd day");
    }

    @Test
    void aFullRangeIsARestriction() {
        assertEquals("2025-01-02T00:00:00Z", next("0 0 1-31 * 5", "2025-01-01T00:00:00Z"), "every day");
    }
}
