package io.tinykube.store.sql;

import io.tinykube.store.api.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * Group commit: one thread takes every append waiting in the queue (up to a bound) and writes them in one
 * transaction with one commit and one disk sync, so concurrent writers share syncs. A caller returns only once
 * its batch is durable.
 */
public final class BatchWriter implements AutoCloseable {
    private static final int MAX_BATCH = 256;
    private static final long MAX_BATCH_BYTES = 16L << 20;

    private record Pending(Append append, CompletableFuture<Long> result) {
    }

    /** The longest a batch waits for writers that are about to append (they are reading the key). */
    private static final long GATHER_NANOS = 2_000_000;

    private final SqlLog log;
    private final LongConsumer onCommit;
    private final IntSupplier writersInFlight;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile long batches;
    private volatile long appended;

    /**
     * {@code onCommit} is called with the newest revision after every batch that wrote something;
     * {@code writersInFlight} tells how many writes are under way (read done or not): while more are under way
     * than a batch holds, the batch waits briefly for them, so concurrent writers share one disk sync.
     */
    public BatchWriter(SqlLog log, LongConsumer onCommit, IntSupplier writersInFlight) {
        this.log = log;
        this.onCommit = onCommit;
        this.writersInFlight = writersInFlight;
        this.thread = new Thread(this::run, "tinykube-store-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Appends one row; returns its revision, or 0 if its precondition failed (another write came first). */
    public long append(Append a) {
        if (closed) {
            throw new StoreException("the store is closed");
        }
        Pending p = new Pending(a, new CompletableFuture<>());
        queue.add(p);
        if (closed && queue.remove(p)) {
            throw new StoreException("the store is closed");
        }
        try {
            return p.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a write to commit (it may still commit)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException) {
                StoreException se = (StoreException) cause;
                throw new StoreException(se.getMessage(), se);
            }
            throw new StoreException("write failed: " + cause, cause);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        List<Append> appends = new ArrayList<>();
        Pending carry = null;
        while (true) {
            Pending first = carry;
            carry = null;
            try {
                if (first == null) {
                    first = queue.poll(100, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closed) {
                    break;
                }
                continue;
            }
            batch.add(first);
            long bytes = first.append.value().length;
            long gatherUntil = System.nanoTime() + GATHER_NANOS;
            while (batch.size() < MAX_BATCH && bytes < MAX_BATCH_BYTES) {
                Pending next = queue.peek();
                if (next == null) {
                    long left = gatherUntil - System.nanoTime();
                    if (batch.size() >= writersInFlight.getAsInt() || left <= 0) {
                        break;
                    }
                    try {
                        next = queue.poll(Math.min(left, 100_000), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        break;
                    }
                    if (next == null) {
                        continue;
                    }
                    if (bytes + next.append.value().length > MAX_BATCH_BYTES) {
                        carry = next;
                        break;
                    }
                    batch.add(next);
                    bytes += next.append.value().length;
                    continue;
                }
                if (bytes + next.append.value().length > MAX_BATCH_BYTES) {
                    break;
                }
                batch.add(queue.poll());
                bytes += next.append.value().length;
            }
            for (Pending p : batch) {
                appends.add(p.append);
            }
            batches++;
            appended += appends.size();
            try {
                long[] revisions = log.append(appends);
                long newest = 0;
                for (int i = 0; i < revisions.length; i++) {
                    newest = Math.max(newest, revisions[i]);
                }
                if (newest > 0) {
                    onCommit.accept(newest);
                }
                for (int i = 0; i < revisions.length; i++) {
                    batch.get(i).result.complete(revisions[i]);
                }
            } catch (RuntimeException | Error e) {
                for (Pending p : batch) {
                    p.result.completeExceptionally(e);
                }
            }
            batch.clear();
            appends.clear();
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.result.completeExceptionally(new StoreException("the store is closed"));
        }
    }

    /** Average appends per transaction so far (how well group commit works). */
    public double averageBatch() {
        long b = batches;
        return b == 0 ? 0 : (double) appended / b;
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
