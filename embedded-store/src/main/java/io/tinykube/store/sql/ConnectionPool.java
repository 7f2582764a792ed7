package io.tinykube.store.sql;

import io.tinykube.store.api.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A few plain JDBC connections for readers. A connection that failed and no longer answers is thrown away; the
 * next borrower opens a fresh one, so a database that went away and came back is used again.
 */
final class ConnectionPool implements AutoCloseable {
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final GenericSqlDialect dialect;
    private final Semaphore permits;
    private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    /** Connection to the generation it was opened in; older generations are closed when given back. */
    private final java.util.Map<Connection, Long> generations =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private volatile long generation;
    private volatile Runnable onInvalidate;
    private volatile boolean closed;

    ConnectionPool(GenericSqlDialect dialect, int size) {
        this.dialect = dialect;
        this.permits = new Semaphore(size, true);
    }

    /** Called whenever all connections are retired (the owner closes its own connections too). */
    void onInvalidate(Runnable listener) {
        this.onInvalidate = listener;
    }

    /**
     * Runs {@code work} on a pooled connection. When the connection turns out to be dead (the database restarted),
     * it is replaced and the work is tried once more: reads are safe to repeat.
     */
    <T> T read(String action, SqlWork<T> work) {
        SQLException first = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            Connection c = borrow(action);
            boolean broken = false;
            try {
                return work.run(c);
            } catch (SQLException e) {
                if (dialect.isConnectionFailure(e)) {
                    invalidateAll(); // the server restarted, or an embedded database closed itself
                    broken = true;
                } else {
                    broken = !alive(c);
                }
                if (!broken || attempt == 1) {
                    throw dialect.translate(action, e);
                }
                first = e;
            } catch (RuntimeException e) {
                broken = !alive(c);
                throw e;
            } finally {
                release(c, broken);
            }
        }
        throw dialect.translate(action, first);
    }

    Connection borrow(String action) {
        if (closed) {
            throw new StoreException("the store is closed");
        }
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new StoreException("cannot " + action + ": no database connection became free in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection");
        }
        Connection c = idle.pollFirst();
        if (c != null) {
            return c;
        }
        try {
            long gen = generation;
            c = dialect.connect();
            c.setAutoCommit(true);
            generations.put(c, gen);
            return c;
        } catch (SQLException e) {
            permits.release();
            throw dialect.translate(action, e);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    void release(Connection c, boolean broken) {
        try {
            Long gen = generations.get(c);
            if (broken || closed || gen == null || gen < generation) {
                generations.remove(c);
                closeQuietly(c);
            } else {
                try {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                        c.setAutoCommit(true);
                    }
                    idle.offerFirst(c);
                } catch (SQLException e) {
                    generations.remove(c);
                    closeQuietly(c);
                }
            }
        } finally {
            permits.release();
        }
    }

    /**
     * Closes every idle connection and retires the ones in use: after the database went away none of them is
     * worth keeping, and an embedded H2 database that closed itself (e.g. disk full) is only opened again once
     * all its connections are closed.
     */
    void invalidateAll() {
        generation++;
        Runnable listener = onInvalidate;
        if (listener != null) {
            listener.run();
        }
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            generations.remove(c);
            closeQuietly(c);
        }
    }

    static boolean alive(Connection c) {
        try {
            return !c.isClosed() && c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            generations.remove(c);
            closeQuietly(c);
        }
    }
}
