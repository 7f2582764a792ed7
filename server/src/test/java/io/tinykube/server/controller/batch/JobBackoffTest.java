package io.tinykube.server.controller.batch;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Job controller's wait before replacing failed pods: 10 s doubling per failure, at most 10 minutes. */
class JobBackoffTest {
    private static final Instant FAILED = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void doublesFromTenSecondsUpToTenMinutes() {
        assertEquals(Duration.ZERO, Backoff.delay(0));
        assertEquals(Duration.ofSeconds(10), Backoff.delay(1));
        assertEquals(Duration.ofSeconds(20), Backoff.delay(2));
        assertEquals(Duration.ofSeconds(40), Backoff.delay(3));
        assertEquals(Duration.ofSeconds(320), Backoff.delay(6));
        assertEquals(Duration.ofMinutes(10), Backoff.delay(7), "640 s is capped");
        assertEquals(Duration.ofMinutes(10), Backoff.delay(1000));
    }

    @Test
    void remainingCountsFromTheLastFailure() {
        assertEquals(Duration.ofSeconds(25), Backoff.remainingDelay(3, FAILED, FAILED.plusSeconds(15)));
        assertEquals(Duration.ZERO, Backoff.remainingDelay(3, FAILED, FAILED.plusSeconds(40)));
        assertEquals(Duration.ZERO, Backoff.remainingDelay(3, FAILED, FAILED.plusSeconds(50)));
        assertEquals(Duration.ZERO, Backoff.remainingDelay(0, null, FAILED));
    }

    @Test
    void aFailureStampedInTheFutureWaitsLonger() {
        assertEquals(Duration.ofSeconds(15), Backoff.remainingDelay(1, FAILED.plusSeconds(5), FAILED), "as upstream, no clamp");
    }
}
