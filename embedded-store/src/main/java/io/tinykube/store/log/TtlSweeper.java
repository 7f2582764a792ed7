package io.tinykube.store.log;

import io.tinykube.store.api.ConflictException;
import io.tinykube.store.api.Event;
import io.tinykube.store.api.KeyNotFoundException;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.api.Watch;
import io.tinykube.store.api.WatchListener;
import io.tinykube.store.sql.Row;
import io.tinykube.store.sql.SqlLog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes keys whose TTL ran out, with a normal delete (so watchers see a DELETE event). Keeps, in memory, only
 * the leased keys (key, revision, expiry): filled at start from the database (each row stores its expiry time,
 * so a restart does not extend TTLs) and then from a watch on every key. Checking costs no disk access; only an
 * actual expiry writes. Several servers may sweep the same key: the delete names the revision it expires, so
 * exactly one succeeds and the others see a conflict, which is fine.
 */
final class TtlSweeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TtlSweeper.class.getName());

    private record Lease(String key, long revision, long expiresAt) {
    }

    private final LogStructuredStore store;
    private final SqlLog log;
    private final long intervalMillis;
    private final Map<String, Lease> leases = new HashMap<>(); // guarded by this
    private final PriorityQueue<Lease> byExpiry =
            new PriorityQueue<>((a, b) -> Long.compare(a.expiresAt, b.expiresAt)); // guarded by this
    private final ScheduledExecutorService timer;
    private volatile Watch watch;
    private volatile boolean closed;

    TtlSweeper(LogStructuredStore store, SqlLog log, long intervalMillis) {
        this.store = store;
        this.log = log;
        this.intervalMillis = intervalMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tinykube-store-ttl");
            t.setDaemon(true);
            return t;
        });
    }

    void start(long revision) {
        follow(revision);
        timer.scheduleWithFixedDelay(this::sweep, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Loads the leased keys as of {@code revision} and follows every change after it. */
    private void follow(long revision) {
        for (Row r : log.leased(revision)) {
            track(r.name(), r.id(), r.expiresAt() > 0 ? r.expiresAt() : System.currentTimeMillis() + r.lease() * 1000);
        }
        watch = store.watch("", revision, new WatchListener() {
            @Override
            public void onEvents(List<Event> events) {
                long now = System.currentTimeMillis();
                for (Event e : events) {
                    if (e.type() != Event.Type.DELETE && e.current().lease() > 0) {
                        track(e.current().key(), e.revision(), now + e.current().lease() * 1000);
                    } else {
                        untrack(e.current().key(), e.revision());
                    }
                }
            }

            @Override
            public void onError(StoreException error) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "the TTL watch ended, restarting it: " + error.getMessage());
                    timer.schedule(TtlSweeper.this::restart, intervalMillis, TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    private void restart() {
        if (closed) {
            return;
        }
        try {
            Watch old = watch;
            if (old != null) {
                old.close();
            }
            synchronized (this) {
                leases.clear();
                byExpiry.clear();
            }
            follow(log.maxId());
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "restarting the TTL watch failed, will retry: " + e.getMessage());
                timer.schedule(this::restart, Math.max(intervalMillis, 1000), TimeUnit.MILLISECONDS);
            }
        }
    }

    private synchronized void track(String key, long revision, long expiresAt) {
        Lease old = leases.get(key);
        if (old != null && old.revision >= revision) {
            return;
        }
        Lease lease = new Lease(key, revision, expiresAt);
        leases.put(key, lease);
        byExpiry.add(lease);
    }

    private synchronized void untrack(String key, long revision) {
        Lease old = leases.get(key);
        if (old != null && old.revision < revision) {
            leases.remove(key);
        }
    }

    private synchronized Lease nextExpired(long now) {
        while (!byExpiry.isEmpty()) {
            Lease head = byExpiry.peek();
            if (leases.get(head.key) != head) {
                byExpiry.poll(); // replaced or removed
                continue;
            }
            if (head.expiresAt > now) {
                return null;
            }
            return byExpiry.poll();
        }
        return null;
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        Lease expired;
        while (!closed && (expired = nextExpired(now)) != null) {
            try {
                store.delete(expired.key, expired.revision);
                untrack(expired.key, expired.revision + 1);
            } catch (ConflictException | KeyNotFoundException e) {
                untrack(expired.key, expired.revision + 1); // changed or gone meanwhile: its event re-tracks it
            } catch (StoreException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "expiring " + expired.key + " failed, will retry: "
                        + e.getMessage());
                synchronized (this) {
                    if (leases.get(expired.key) == expired) {
                        byExpiry.add(expired);
                    }
                }
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "expiring " + expired.key + " failed", e);
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Watch w = watch;
        if (w != null) {
            w.close();
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
