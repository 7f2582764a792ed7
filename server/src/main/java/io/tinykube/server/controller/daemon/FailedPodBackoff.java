package io.tinykube.server.controller.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream's flowcontrol.Backoff as the DaemonSet controller uses it for failed pods, per DaemonSet and node: the
 * first failed pod goes at once, each next one waits twice as long (at most {@code max}) after the last; an entry
 * unused for twice {@code max} starts over.
 */
final class FailedPodBackoff {
    private record Entry(Duration delay, Instant lastUpdate) {
    }

    private final Duration initial;
    private final Duration max;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    FailedPodBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** How long {@code key} is still backing off at {@code now}, or null when it is not. */
    Duration remaining(String key, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        Duration left = Duration.between(now, entry.lastUpdate().plus(entry.delay()));
        return left.isNegative() || left.isZero() ? null : left;
    }

    /** Records a failure at {@code now}: the next one backs off longer. Entries that would start over are dropped. */
    void next(String key, Instant now) {
        entries.values().removeIf(entry -> expired(entry, now));
        entries.compute(key, (k, entry) -> entry == null || expired(entry, now)
                ? new Entry(initial, now)
                : new Entry(entry.delay().multipliedBy(2).compareTo(max) > 0 ? max : entry.delay().multipliedBy(2), now));
    }

    private boolean expired(Entry entry, Instant now) {
        return Duration.between(entry.lastUpdate(), now).compareTo(max.multipliedBy(2)) > 0;
    }
}
