package io.tinykube.server.controller.batch;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the Job controller waits before replacing failed pods (upstream's
 * {@code getRemainingTimeForFailuresCount}): 10 s after the first failure since the last success,
 * doubling with each further one, capped at 10 minutes ({@code MaxJobPodFailureBackOff}; the Job
 * documentation's "six minutes" predates it).
 */
public final class Backoff {
    static final Duration BASE = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(10);

    private Backoff() {
    }

    /** The whole back-off after {@code failures} consecutive pod failures; none without a failure. */
    public static Duration delay(int failures) {
        if (failures == 0) {
            return Duration.ZERO;
        }
        Duration delay = BASE;
        for (int i = 1; i < failures; i++) {
            delay = delay.multipliedBy(2);
            if (delay.compareTo(MAX) >= 0) {
                return MAX;
            }
        }
        return delay;
    }

    /** What is left of {@link #delay} at {@code now}, the last failure having ended at {@code lastFailureTime}. */
    public static Duration remainingDelay(int failures, Instant lastFailureTime, Instant now) {
        if (failures == 0) {
            return Duration.ZERO; // and lastFailureTime may be null
        }
        Duration delay = delay(failures);
        Duration elapsed = Duration.between(lastFailureTime, now);
        return delay.compareTo(elapsed) < 0 ? Duration.ZERO : delay.minus(elapsed);
    }
}
