package io.tinykube.server.controller.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a controller has asked for and not yet seen in its informer, per owner key: while creations or
 * deletions are outstanding, the owner must not act on the (stale) cache again, or it would create
 * duplicates. Expectations expire after five minutes in case an event was lost.
 */
public final class Expectations {
    static final long TTL_NANOS = TimeUnit.MINUTES.toNanos(5);

    private record Pending(AtomicInteger adds, AtomicInteger deletes, long since) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public void expect(String key, int adds, int deletes) {
        pending.put(key, new Pending(new AtomicInteger(adds), new AtomicInteger(deletes), System.nanoTime()));
    }

    public void creationObserved(String key) {
        Pending p = pending.get(key);
        if (p != null) {
            p.adds().decrementAndGet();
        }
    }

    public void deletionObserved(String key) {
        Pending p = pending.get(key);
        if (p != null) {
            p.deletes().decrementAndGet();
        }
    }

    public boolean satisfied(String key) {
        Pending p = pending.get(key);
        if (p == null) {
            return true;
        }
        if ((p.adds().get() <= 0 && p.deletes().get() <= 0) || System.nanoTime() - p.since() > TTL_NANOS) {
            pending.remove(key, p);
            return true;
        }
        return false;
    }

    public void forget(String key) {
        pending.remove(key);
    }
}
