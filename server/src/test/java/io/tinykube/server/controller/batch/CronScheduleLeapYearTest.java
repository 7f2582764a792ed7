package io.tinykube.server.controller.batch;

import org.junit.jupiter.api.Test;

import static io.tinykube.server.controller.batch.Schedules.next;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rare and impossible dates: robfig searches five years ahead and then gives up. */
class CronScheduleLeapYearTest {
    @Test
    void twentyNinthOfFebruaryWaitsForALeapYear() {
        assertEquals("2028-02-29T00:00:00Z", next("0 0 29 2 *", "2025-03-01T00:00:00Z"));
        assertEquals("2032-02-29T00:00:00Z", next("0 0 29 2 *", "2028-02-29T00:00:00Z"));
    }

    @Test
    void twentyOneHundredIsNoLeapYearAndTooFar() {
        assertEquals("none", next("0 0 29 2 *", "2096-03-01T00:00:00Z"), "2104 is past the five-year search");
    }

    @Test
    void impossibleDatesNeverFire() {
        assertEquals("none", next("0 0 30 2 *", "2025-01-01T00:00:00Z"));
        assertEquals("none", next("0 0 31 4 *", "2025-01-01T00:00:00Z"));
    }
}
