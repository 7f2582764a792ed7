package io.tinykube.store.sql;

import io.tinykube.store.api.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * Embedded H2 (MVStore) in one file, {@code DIR/tinykube.mv.db}.
 *
 * <p>Settings, each measured (see the module's README):
 * <ul>
 * <li>{@code WRITE_DELAY=0}: every commit writes its chunk at once, and there is no background writer thread,
 * so an idle store writes nothing. H2 itself never fsyncs a commit, so {@link #afterCommit} forces the file:
 * one fsync per group-committed batch.</li>
 * <li>{@code PAGE_SIZE=2048}: MVStore rewrites every changed page whole (copy-on-write); small pages keep that
 * small. The default 16 KiB writes about twice as many bytes per update.</li>
 * <li>{@code RETENTION_TIME=0}: space of dead chunks is reused at once (safe here: every commit is fsynced
 * before the next one may overwrite anything).</li>
 * <li>{@code LAZY_QUERY_EXECUTION=TRUE}: a query's rows are produced as the result set is read, not first
 * copied into a result buffer (which H2 spills to a temporary file beyond a few thousand rows on a small
 * heap): a list of 10,000 keys streams.</li>
 * </ul>
 * After compaction deleted rows, {@link #afterCompact} rewrites sparse chunks and moves chunks down in small
 * steps, which shrinks the file to about its live size without holding up writers for long.
 */
public final class H2Dialect extends GenericSqlDialect {
    public static final String FILE_BASE = "tinykube";
    public static final String FILE_SUFFIX = ".mv.db";

    private static final int PAGE_SIZE = 2048;
    private static final int SHRINK_STEP_BYTES = 2 << 20;
    private static final long SHRINK_BUDGET_NANOS = 30_000_000_000L;

    /**
     * Whether the JVM runs H2 with assertions on: one of them fires spuriously while chunks are moved (H2 2.4.240,
     * FreeSpaceBitSet.allocate) and MVStore then closes itself, so moving chunks is skipped in that case.
     */
    private static final boolean H2_ASSERTIONS = FileStore.class.desiredAssertionStatus();

    private final Path dir;
    private final Path file;
    private final String url;

    public H2Dialect(Path dir, long cacheSizeBytes) {
        this.dir = dir.toAbsolutePath();
        this.file = this.dir.resolve(FILE_BASE + FILE_SUFFIX);
        this.url = "jdbc:h2:file:" + this.dir.resolve(FILE_BASE)
                + ";WRITE_DELAY=0;PAGE_SIZE=" + PAGE_SIZE + ";RETENTION_TIME=0;DB_CLOSE_ON_EXIT=FALSE"
                + ";LAZY_QUERY_EXECUTION=TRUE"
                + ";CACHE_SIZE=" + Math.max(1024, cacheSizeBytes / 1024);
    }

    public Path file() {
        return file;
    }

    @Override
    public List<String> schema() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                        + "id BIGINT NOT NULL PRIMARY KEY, "
                        + "name VARCHAR(2048) NOT NULL, "
                        + "created SMALLINT NOT NULL, "
                        + "deleted SMALLINT NOT NULL, "
                        + "create_revision BIGINT NOT NULL, "
                        + "prev_revision BIGINT NOT NULL, "
                        + "lease BIGINT NOT NULL, "
                        + "expires_at BIGINT NOT NULL, "
                        + "val VARBINARY(1000000000) NOT NULL)",
                "CREATE UNIQUE INDEX IF NOT EXISTS " + TABLE + "_name_prev ON " + TABLE + " (name, prev_revision)",
                "CREATE TABLE IF NOT EXISTS " + META + " (name VARCHAR(64) NOT NULL PRIMARY KEY, val BIGINT NOT NULL)");
    }

    /** H2's planner prefers the primary key for "id <= ?"; listing wants the key index, in key order. */
    @Override
    protected String keyRangeScan(String alias) {
        return TABLE + " " + alias + " USE INDEX (" + TABLE + "_name_prev)";
    }

    @Override
    public boolean listsByIndexScan() {
        return true;
    }

    @Override
    public void prepare() {
        try {
            Files.createDirectories(dir);
        } catch (Exception e) {
            throw new StoreException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(file)) {
            throw new StoreException("cannot open the database file " + file + ": it is a directory");
        }
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    @Override
    public String describe() {
        return "the H2 database " + file;
    }

    @Override
    public void afterCommit(Connection c) throws SQLException {
        MVStore store = mvStore(c);
        if (store != null) {
            try {
                store.sync();
            } catch (RuntimeException e) {
                throw new SQLException("fsync of " + file + " failed: " + e.getMessage(), "58030", e);
            }
        } else {
            try (var s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }

    @Override
    public void afterCompact(Connection c) throws SQLException {
        MVStore store = mvStore(c);
        if (store == null || !(store.getFileStore() instanceof RandomAccessStore)) {
            return;
        }
        RandomAccessStore fs = (RandomAccessStore) store.getFileStore();
        long deadline = System.nanoTime() + SHRINK_BUDGET_NANOS;
        try {
            // Each step holds the store lock while it writes at most a few MiB, so writers wait briefly.
            while (System.nanoTime() < deadline) {
                boolean rewrote = store.compact(90, SHRINK_STEP_BYTES);
                if (!H2_ASSERTIONS) {
                    fs.compactMoveChunks(90, SHRINK_STEP_BYTES, store);
                }
                if (!rewrote) {
                    break;
                }
                Thread.yield();
            }
            store.sync();
        } catch (RuntimeException e) {
            throw new SQLException("shrinking " + file + " failed: " + e.getMessage(), "58030", e);
        }
    }

    /** The MVStore behind an embedded connection, or null if this H2 hides it. */
    static MVStore mvStore(Connection c) throws SQLException {
        try {
            Session session = c.unwrap(JdbcConnection.class).getSession();
            if (session instanceof SessionLocal) {
                MVStore store = ((SessionLocal) session).getDatabase().getStore().getMvStore();
                FileStore<?> fs = store.getFileStore();
                return fs == null ? null : store;
            }
            return null;
        } catch (LinkageError | ClassCastException e) {
            return null;
        }
    }

    @Override
    public boolean isConnectionFailure(SQLException e) {
        switch (e.getErrorCode()) {
            case 90098: // DATABASE_IS_CLOSED: e.g. after a write failed (disk full) and MVStore closed itself
            case 90121: // DATABASE_CALLED_AT_SHUTDOWN
            case 90067: // CONNECTION_BROKEN_1
            case 90028: // IO_EXCEPTION_1
            case 90031: // IO_EXCEPTION_2
                return true;
            default:
                return super.isConnectionFailure(e);
        }
    }

    @Override
    public StoreException translate(String action, SQLException e) {
        if (e == null) {
            return super.translate(action, null);
        }
        String msg = rootMessage(e);
        switch (e.getErrorCode()) {
            case 90030: // FILE_CORRUPTED_1
            case 90048: // FILE_VERSION_ERROR_1
            case 90049: // FILE_ENCRYPTION_ERROR_1
                return new StoreException("cannot " + action + ": the database file " + file
                        + " is corrupt or is not a tinykube H2 database (" + msg + ")", e);
            case 90020: // DATABASE_ALREADY_OPEN_1
                return new StoreException("cannot " + action + ": the database file " + file
                        + " is in use by another process", e);
            default:
                break;
        }
        if (msg != null && msg.toLowerCase(java.util.Locale.ROOT).contains("no space left")) {
            return new StoreException("cannot " + action + ": the disk holding " + file + " is full", e);
        }
        if (e.getErrorCode() == 50000 && (msg.contains("corrupt") || msg.contains("Corrupt"))) {
            return new StoreException("cannot " + action + ": the database file " + file
                    + " is corrupt or is not a tinykube H2 database (" + msg + ")", e);
        }
        return super.translate(action, e);
    }

    private static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable t = e.getCause();
        int depth = 0;
        while (t != null && depth++ < 5) {
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                sb.append("; ").append(t.getMessage());
            }
            t = t.getCause();
        }
        return sb.toString();
    }
}
