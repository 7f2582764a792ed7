package io.tinykube.server.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Failed daemon pods are deleted at once the first time, then after doubling waits up to the maximum. */
class FailedPodBackoffTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void backOffDoublesPerNodeUpToTheMaximum() {
        FailedPodBackoff backoff = new FailedPodBackoff(Duration.ofSeconds(1), Duration.ofSeconds(3));
        assertNull(backoff.remaining("ds/n1", T0));
        backoff.next("ds/n1", T0);
        assertEquals(Duration.ofSeconds(1), backoff.remaining("ds/n1", T0));
        assertNull(backoff.remaining("ds/n2", T0), "per node");
        backoff.next("ds/n1", T0.plusSeconds(1));
        assertEquals(Duration.ofSeconds(2), backoff.remaining("ds/n1", T0.plusSeconds(1)));
        backoff.next("ds/n1", T0.plusSeconds(3));
        assertEquals(Duration.ofSeconds(3), backoff.remaining("ds/n1", T0.plusSeconds(3)));
        backoff.next("ds/n1", T0.plusSeconds(20));
        assertEquals(Duration.ofSeconds(1), backoff.remaining("ds/n1", T0.plusSeconds(20)), "unused for twice the maximum: starts over");
    }
}
