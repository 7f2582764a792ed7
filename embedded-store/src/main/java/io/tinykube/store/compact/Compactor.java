package io.tinykube.store.compact;

import io.tinykube.store.api.StoreException;
import io.tinykube.store.sql.SqlLog;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Removes history: every row replaced at or before the target revision, and deletion rows, in transactions of
 * {@code batchSize} revisions each so writers are never held up for long. The newest row of each live key is
 * never touched. Runs every {@code interval} keeping the newest {@code minRetain} revisions (like kine), and on
 * demand. Does nothing, and writes nothing, when no new revisions arrived. Several servers on one PostgreSQL
 * may run it at once: each step moves the compact revision with a compare-and-set, so one of them does a step.
 */
public final class Compactor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Compactor.class.getName());

    private final SqlLog log;
    private final long intervalMillis;
    private final long minRetain;
    private final int batchSize;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> task;

    public Compactor(SqlLog log, long intervalMillis, long minRetain, int batchSize) {
        this.log = log;
        this.intervalMillis = intervalMillis;
        this.minRetain = minRetain;
        this.batchSize = batchSize;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tinykube-store-compactor");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        if (intervalMillis > 0) {
            task = timer.scheduleWithFixedDelay(this::auto, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void auto() {
        try {
            long target = log.maxId() - minRetain;
            if (target > log.compactRevision()) {
                compact(target);
            }
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "automatic compaction failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "automatic compaction failed", e);
        }
    }

    /** Compacts up to {@code revision} (at most the current revision); returns the new compact revision. */
    public synchronized long compact(long revision) {
        long compacted = log.compactRevision();
        long current = log.maxId();
        long target = Math.min(revision, current);
        long deleted = 0;
        long from = compacted;
        long started = System.nanoTime();
        while (from < target) {
            long to = Math.min(from + batchSize, target);
            int n = log.compactStep(from, to, current);
            if (n < 0) {
                break; // another server compacted meanwhile
            }
            deleted += n;
            from = to;
        }
        if (deleted > 0) {
            log.afterCompact();
            LOG.log(System.Logger.Level.INFO, "compacted revisions " + compacted + ".." + from + ": " + deleted
                    + " rows removed in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        return log.compactRevision();
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
