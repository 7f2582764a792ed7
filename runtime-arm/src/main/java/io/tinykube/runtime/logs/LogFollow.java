package io.tinykube.runtime.logs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Controls a following read from another thread: {@link #cancel()} stops it at once (the client went away);
 * {@link #containerExited()} lets it serve what is left and then stop. Call the latter after the container's
 * {@link ContainerLogWriter} has been closed, so that everything it wrote is in the file.
 */
public final class LogFollow {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean cancelled;
    private volatile boolean exited;

    public void cancel() {
        cancelled = true;
        signal();
    }

    public void containerExited() {
        exited = true;
        signal();
    }

    boolean cancelled() {
        return cancelled;
    }

    boolean exited() {
        return exited;
    }

    /** Waits up to {@code millis} or until cancelled or told the container exited. */
    void await(long millis) throws InterruptedException {
        lock.lock();
        try {
            if (!cancelled && !exited) {
                changed.await(millis, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
