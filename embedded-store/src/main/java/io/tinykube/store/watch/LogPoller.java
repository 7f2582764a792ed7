package io.tinykube.store.watch;

import io.tinykube.store.api.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Tails the log: reads rows with a revision above the last one published and publishes them, in order, to the
 * {@link Broadcaster}. It wakes when this process committed (no delay for local writes) and every poll interval
 * (writes by other servers on a shared PostgreSQL).
 *
 * <p>Revisions come without holes (writers are serialized), but a missing revision is still handled like
 * kine's gap: the poller does not read past it until it appears or until the gap timeout, after which it is
 * treated as gone; a missing revision at or below the compact revision was compacted and is skipped at once.
 */
public final class LogPoller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LogPoller.class.getName());
    private static final int BATCH = 500;
    private static final long GAP_RETRY_MILLIS = 10;
    private static final long WARN_EVERY_NANOS = 30_000_000_000L;

    private final EventSource source;
    private final Broadcaster broadcaster;
    private final LongSupplier compactRevision;
    private final long pollMillis;
    private final long gapTimeoutNanos;
    private final Object lock = new Object();
    private final Thread thread;
    private long notified; // guarded by lock
    private volatile boolean closed;

    public LogPoller(EventSource source, Broadcaster broadcaster, LongSupplier compactRevision, long pollMillis,
                     long gapTimeoutMillis) {
        this.source = source;
        this.broadcaster = broadcaster;
        this.compactRevision = compactRevision;
        this.pollMillis = pollMillis;
        this.gapTimeoutNanos = gapTimeoutMillis * 1_000_000L;
        this.thread = new Thread(this::run, "tinykube-store-poller");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Called after this process committed up to {@code revision}. */
    public void notifyCommitted(long revision) {
        synchronized (lock) {
            if (revision > notified) {
                notified = revision;
                lock.notifyAll();
            }
        }
    }

    private void run() {
        long position = broadcaster.position();
        long gapRevision = 0;
        long gapSince = 0;
        boolean more = false;
        long failingSince = 0;
        long lastWarning = 0;
        while (!closed) {
            if (!more) {
                synchronized (lock) {
                    if (notified <= position && !closed) {
                        try {
                            lock.wait(gapRevision != 0 ? GAP_RETRY_MILLIS : pollMillis);
                        } catch (InterruptedException e) {
                            if (closed) {
                                return;
                            }
                        }
                    }
                }
                if (closed) {
                    return;
                }
            }
            more = false;
            List<Event> events;
            try {
                events = source.read("", position, Long.MAX_VALUE, BATCH);
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                if (failingSince == 0 || now - lastWarning > WARN_EVERY_NANOS) {
                    LOG.log(System.Logger.Level.WARNING, "reading new revisions failed, retrying every "
                            + pollMillis + " ms: " + e.getMessage());
                    lastWarning = now;
                }
                if (failingSince == 0) {
                    failingSince = now;
                }
                continue;
            }
            if (failingSince != 0) {
                LOG.log(System.Logger.Level.INFO, "reading new revisions works again after "
                        + (System.nanoTime() - failingSince) / 1_000_000 + " ms");
                failingSince = 0;
            }
            List<Event> accepted = new ArrayList<>(events.size());
            long expected = position + 1;
            for (Event e : events) {
                long revision = e.revision();
                if (revision > expected) {
                    long now = System.nanoTime();
                    if (gapRevision != expected) {
                        gapRevision = expected;
                        gapSince = now;
                    }
                    if (now - gapSince < gapTimeoutNanos && !compacted(expected)) {
                        break; // it may still commit: wait for it
                    }
                    LOG.log(System.Logger.Level.WARNING, "revisions " + expected + ".." + (revision - 1)
                            + " never appeared; treating them as gone");
                    gapRevision = 0;
                }
                accepted.add(e);
                expected = revision + 1;
            }
            if (!accepted.isEmpty()) {
                position = expected - 1;
                if (gapRevision != 0 && position >= gapRevision) {
                    gapRevision = 0;
                }
                try {
                    broadcaster.publish(accepted, position);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "publishing events failed", e);
                }
                more = events.size() == BATCH && accepted.size() == events.size();
            }
        }
    }

    private boolean compacted(long revision) {
        try {
            return revision <= compactRevision.getAsLong();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
