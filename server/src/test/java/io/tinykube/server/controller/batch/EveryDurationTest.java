package io.tinykube.server.controller.batch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The durations of @every, read as Go's time.ParseDuration reads them. */
class EveryDurationTest {
    private static String refused(String text) {
        return assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos(text)).getMessage();
    }

    @Test
    void unitsFractionsAndSums() {
        assertEquals(0, GoDuration.parseNanos("0"));
        assertEquals(5_400_000_000_000L, GoDuration.parseNanos("1h30m"));
        assertEquals(5_400_000_000_000L, GoDuration.parseNanos("1.5h"));
        assertEquals(500_000_000L, GoDuration.parseNanos(".5s"));
        assertEquals(1_000L, GoDuration.parseNanos("1\u00b5s"));
        assertEquals(-90_000_000_000L, GoDuration.parseNanos("-1m30s"));
        assertEquals(Long.MAX_VALUE, GoDuration.parseNanos("2562047h47m16.854775807s"));
    }

    @Test
    void refusalsInGosWords() {
        assertEquals("time: invalid duration \"\"", refused(""));
        assertEquals("time: invalid duration \"x\"", refused("x"));
        assertEquals("time: invalid duration \".s\"", refused(".s"));
        assertEquals("time: missing unit in duration \"1\"", refused("1"));
        assertEquals("time: unknown unit \"d\" in duration \"1d\"", refused("1d"));
        assertEquals("time: invalid duration \"2562047h47m16.854775808s\"", refused("2562047h47m16.854775808s"));
        assertEquals("time: unknown unit \"\\xc2\\xb5\" in duration \"1\\xc2\\xb5\"", refused("1\u00b5"), "µ alone is no unit");
    }
}
