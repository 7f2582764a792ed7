package io.tinykube.store.sql;

import static io.tinykube.store.sql.GenericSqlDialect.Query.AT_REVISION;
import static io.tinykube.store.sql.GenericSqlDialect.Query.CHANGES_OPEN;
import static io.tinykube.store.sql.GenericSqlDialect.Query.CHANGES_RANGE;
import static io.tinykube.store.sql.GenericSqlDialect.Query.COMPACT_DELETE;
import static io.tinykube.store.sql.GenericSqlDialect.Query.COMPACT_SCAN;
import static io.tinykube.store.sql.GenericSqlDialect.Query.COUNT_OPEN;
import static io.tinykube.store.sql.GenericSqlDialect.Query.COUNT_RANGE;
import static io.tinykube.store.sql.GenericSqlDialect.Query.INSERT;
import static io.tinykube.store.sql.GenericSqlDialect.Query.LATEST;
import static io.tinykube.store.sql.GenericSqlDialect.Query.LEASED;
import static io.tinykube.store.sql.GenericSqlDialect.Query.LIST_JOIN_OPEN;
import static io.tinykube.store.sql.GenericSqlDialect.Query.LIST_JOIN_RANGE;
import static io.tinykube.store.sql.GenericSqlDialect.Query.LIST_OPEN;
import static io.tinykube.store.sql.GenericSqlDialect.Query.LIST_RANGE;
import static io.tinykube.store.sql.GenericSqlDialect.Query.MAX_ID;
import static io.tinykube.store.sql.GenericSqlDialect.Query.META_GET;
import static io.tinykube.store.sql.GenericSqlDialect.Query.META_INSERT;
import static io.tinykube.store.sql.GenericSqlDialect.Query.META_SET_COMPACT;
import static io.tinykube.store.sql.GenericSqlDialect.Query.NEWER_EXISTS;
import static io.tinykube.store.sql.GenericSqlDialect.Query.ROWS_BY_ID;

import io.tinykube.store.api.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The log in the database: plain reads and appends of rows, no key semantics (those live in
 * {@code io.tinykube.store.log}). Reads use a small pool; appends go through one writer connection, a whole
 * batch per transaction (see {@link BatchWriter}).
 */
public final class SqlLog implements AutoCloseable {
    /** Rows a list fetches from the database at a time. */
    private static final int LIST_FETCH_SIZE = 256;
    /** Keys a list collects from one scan of the key index before it reads their rows. */
    private static final int LIST_SCAN_KEYS = 1024;

    private final GenericSqlDialect d;
    private final ConnectionPool pool;
    private final boolean refuseForeignTables;
    private Connection writer; // guarded by this

    public SqlLog(GenericSqlDialect dialect, int maxConnections) {
        this.d = dialect;
        this.pool = new ConnectionPool(dialect, maxConnections);
        this.refuseForeignTables = dialect instanceof H2Dialect;
        this.pool.onInvalidate(this::closeWriter);
    }

    private synchronized void closeWriter() {
        if (writer != null) {
            ConnectionPool.closeQuietly(writer);
            writer = null;
        }
    }

    public GenericSqlDialect dialect() {
        return d;
    }

    /** Creates the schema if needed and checks the database is a tinykube store. */
    public void init() {
        d.prepare();
        Connection c = pool.borrow("open the store");
        boolean broken = true;
        try {
            if (refuseForeignTables) {
                refuseForeign(c);
            }
            c.setAutoCommit(false);
            d.beginWrite(c);
            try (Statement st = c.createStatement()) {
                for (String ddl : d.schema()) {
                    st.execute(ddl);
                }
            }
            Long version = meta(c, GenericSqlDialect.SCHEMA_VERSION_KEY);
            if (version == null) {
                insertMeta(c, GenericSqlDialect.SCHEMA_VERSION_KEY, GenericSqlDialect.SCHEMA_VERSION);
            } else if (version > GenericSqlDialect.SCHEMA_VERSION) {
                throw new StoreException(d.describe() + " was written by a newer tinykube (schema version "
                        + version + ", this one knows " + GenericSqlDialect.SCHEMA_VERSION + ")");
            }
            if (meta(c, GenericSqlDialect.COMPACT_REVISION_KEY) == null) {
                insertMeta(c, GenericSqlDialect.COMPACT_REVISION_KEY, 0);
            }
            c.commit();
            broken = false;
        } catch (SQLException e) {
            throw d.translate("open the store", e);
        } finally {
            pool.release(c, broken);
        }
    }

    private void refuseForeign(Connection c) throws SQLException {
        List<String> others = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = String.valueOf(rs.getString("TABLE_SCHEM")).toUpperCase(Locale.ROOT);
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (schema.equals("INFORMATION_SCHEMA")) {
                    continue;
                }
                if (!name.equals(GenericSqlDialect.TABLE) && !name.equals(GenericSqlDialect.META)) {
                    others.add(name);
                }
            }
        }
        if (!others.isEmpty()) {
            throw new StoreException(d.describe() + " is not a tinykube store: it holds other tables " + others);
        }
    }

    private Long meta(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(d.sql(META_GET))) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private void insertMeta(Connection c, String name, long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(d.sql(META_INSERT))) {
            ps.setString(1, name);
            ps.setLong(2, value);
            ps.executeUpdate();
        }
    }

    /** The newest revision (0 for an empty log). */
    public long maxId() {
        return pool.read("read the current revision", this::maxId);
    }

    private long maxId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(d.sql(MAX_ID)); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public long compactRevision() {
        return pool.read("read the compact revision", c -> {
            Long v = meta(c, GenericSqlDialect.COMPACT_REVISION_KEY);
            return v == null ? 0L : v;
        });
    }

    /** The newest row of a key (possibly a deletion), or null. */
    public Row latest(String name) {
        return pool.read("read " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(d.sql(LATEST))) {
                ps.setString(1, name);
                return one(ps);
            }
        });
    }

    /** The newest row of a key at or before {@code revision}, or null. */
    public Row at(String name, long revision) {
        return pool.read("read " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(d.sql(AT_REVISION))) {
                ps.setString(1, name);
                ps.setLong(2, revision);
                return one(ps);
            }
        });
    }

    private static Row one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? row(rs, 1) : null;
        }
    }

    /**
     * Live rows of keys starting with {@code prefix}, after {@code startAfter}, as of {@code revision}, in key
     * order, at most {@code limit} (0: all). Reads the key index for each key's newest id at the revision, then
     * only those rows, a batch of ids at a time; the scan and the reads share one snapshot (repeatable read), so
     * compaction running meanwhile cannot take a row away between them.
     */
    public List<Row> list(String prefix, String startAfter, long revision, int limit) {
        String end = prefixEnd(prefix);
        int max = limit <= 0 ? Integer.MAX_VALUE : limit;
        if (!d.listsByIndexScan()) {
            return listJoin(prefix, end, startAfter, revision, max);
        }
        return pool.read("list " + prefix, c -> {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement scan = c.prepareStatement(d.sql(end == null ? LIST_OPEN : LIST_RANGE));
                 PreparedStatement fetch = c.prepareStatement(d.sql(ROWS_BY_ID))) {
                // Streamed: PostgreSQL's driver only uses a cursor (fetch size) inside a transaction; H2 runs
                // queries lazily (see H2Dialect).
                scan.setFetchSize(LIST_FETCH_SIZE);
                List<Row> out = new ArrayList<>();
                long[] ids = new long[LIST_SCAN_KEYS];
                String after = startAfter == null ? "" : startAfter;
                while (out.size() < max) {
                    // Up to LIST_SCAN_KEYS complete keys per scan; the next scan goes on after the last of them.
                    int n = 0;
                    boolean exhausted = true;
                    int i = 1;
                    scan.setString(i++, prefix);
                    if (end != null) {
                        scan.setString(i++, end);
                    }
                    scan.setString(i++, after);
                    scan.setLong(i, revision);
                    try (ResultSet rs = scan.executeQuery()) {
                        String key = null;
                        long newest = 0;
                        while (rs.next()) {
                            String name = rs.getString(1);
                            if (key != null && !key.equals(name)) {
                                ids[n++] = newest;
                                after = key;
                                if (n == Math.min(ids.length, max - out.size())) {
                                    exhausted = false;
                                    key = null;
                                    break;
                                }
                            }
                            key = name;
                            newest = rs.getLong(2);
                        }
                        if (key != null) {
                            ids[n++] = newest;
                            after = key;
                        }
                    }
                    fetchLive(fetch, ids, n, out, max);
                    if (exhausted) {
                        break;
                    }
                }
                return out;
            } finally {
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        });
    }

    /** A list in one statement (see {@link GenericSqlDialect#listsByIndexScan()}). */
    private List<Row> listJoin(String prefix, String end, String startAfter, long revision, int max) {
        return pool.read("list " + prefix, c -> {
            c.setAutoCommit(false); // PostgreSQL's driver streams (fetch size) only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(d.sql(end == null ? LIST_JOIN_OPEN : LIST_JOIN_RANGE))) {
                ps.setFetchSize(LIST_FETCH_SIZE);
                int i = 1;
                ps.setString(i++, prefix);
                if (end != null) {
                    ps.setString(i++, end);
                }
                ps.setString(i++, startAfter == null ? "" : startAfter);
                ps.setLong(i++, revision);
                ps.setLong(i++, revision);
                ps.setInt(i, max);
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs, 1));
                    }
                }
                return out;
            }
        });
    }

    /** Appends the live rows among {@code ids[0..n)} to {@code out} in that order, until it holds {@code max}. */
    private static void fetchLive(PreparedStatement fetch, long[] ids, int n, List<Row> out, int max)
            throws SQLException {
        int batch = GenericSqlDialect.ROWS_BY_ID_BATCH;
        for (int from = 0; from < n && out.size() < max; from += batch) {
            int to = Math.min(n, from + batch);
            for (int j = 0; j < batch; j++) {
                fetch.setLong(j + 1, from + j < to ? ids[from + j] : -1);
            }
            java.util.Map<Long, Row> rows = new java.util.HashMap<>();
            try (ResultSet rs = fetch.executeQuery()) {
                while (rs.next()) {
                    Row r = row(rs, 1);
                    rows.put(r.id(), r);
                }
            }
            for (int j = from; j < to && out.size() < max; j++) {
                Row r = rows.get(ids[j]);
                if (r == null) {
                    throw new SQLException("row " + ids[j] + " vanished during a list");
                }
                if (!r.deleted()) {
                    out.add(r);
                }
            }
        }
    }

    public long count(String prefix) {
        String end = prefixEnd(prefix);
        return pool.read("count " + prefix, c -> {
            try (PreparedStatement ps = c.prepareStatement(d.sql(end == null ? COUNT_OPEN : COUNT_RANGE))) {
                ps.setString(1, prefix);
                if (end != null) {
                    ps.setString(2, end);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Rows with {@code after < id <= upTo} of keys starting with {@code prefix}, in id order, at most limit. */
    public List<Change> changes(String prefix, long after, long upTo, int limit) {
        String end = prefixEnd(prefix);
        return pool.read("read changes", c -> {
            try (PreparedStatement ps = c.prepareStatement(d.sql(end == null ? CHANGES_OPEN : CHANGES_RANGE))) {
                int i = 1;
                ps.setLong(i++, after);
                ps.setLong(i++, upTo);
                ps.setString(i++, prefix);
                if (end != null) {
                    ps.setString(i++, end);
                }
                ps.setInt(i, limit);
                List<Change> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Row row = row(rs, 1);
                        rs.getLong(10);
                        Row prev = rs.wasNull() ? null : new Row(rs.getLong(10), row.name(), rs.getInt(11) != 0,
                                rs.getInt(12) != 0, rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16),
                                row.created() ? new byte[0] : ValueCodec.decode(rs.getBytes(17)));
                        out.add(new Change(row, prev));
                    }
                }
                return out;
            }
        });
    }

    /** Live rows with a lease as of {@code revision}. */
    public List<Row> leased(long revision) {
        return pool.read("read leased keys", c -> {
            try (PreparedStatement ps = c.prepareStatement(d.sql(LEASED))) {
                ps.setLong(1, revision);
                ps.setLong(2, revision);
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs, 1));
                    }
                }
                return out;
            }
        });
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getLong(i), rs.getString(i + 1), rs.getInt(i + 2) != 0, rs.getInt(i + 3) != 0,
                rs.getLong(i + 4), rs.getLong(i + 5), rs.getLong(i + 6), rs.getLong(i + 7),
                ValueCodec.decode(rs.getBytes(i + 8)));
    }

    /**
     * Appends a batch in one transaction. Each append is written only if its {@code prevRevision} is still the
     * key's newest row; returns, per append, its revision or 0 when it lost that compare-and-swap. Throws
     * {@link StoreException} when the transaction failed (then nothing of the batch was written).
     */
    public synchronized long[] append(List<Append> appends) {
        Connection c = null;
        try {
            c = writerConnection();
            d.beginWrite(c);
            long next = maxId(c) + 1;
            long[] out = new long[appends.size()];
            try (PreparedStatement check = c.prepareStatement(d.sql(NEWER_EXISTS));
                 PreparedStatement insert = c.prepareStatement(d.sql(INSERT))) {
                for (int i = 0; i < out.length; i++) {
                    Append a = appends.get(i);
                    check.setString(1, a.name());
                    check.setLong(2, a.prevRevision());
                    check.setString(3, a.name());
                    check.setLong(4, a.prevRevision());
                    try (ResultSet rs = check.executeQuery()) {
                        if (rs.next()) {
                            continue; // someone replaced that row first
                        }
                    }
                    insert.setLong(1, next);
                    insert.setString(2, a.name());
                    insert.setInt(3, a.create() ? 1 : 0);
                    insert.setInt(4, a.delete() ? 1 : 0);
                    insert.setLong(5, a.create() ? next : a.createRevision());
                    insert.setLong(6, a.prevRevision());
                    insert.setLong(7, a.lease());
                    insert.setLong(8, a.expiresAt());
                    insert.setBytes(9, a.value());
                    int n;
                    try {
                        n = insert.executeUpdate();
                    } catch (SQLException e) {
                        if (!d.isUniqueViolation(e)) {
                            throw e;
                        }
                        n = 0; // H2 rolls back just the statement
                    }
                    if (n == 1) {
                        out[i] = next++;
                    }
                }
            }
            c.commit();
            d.afterCommit(c);
            return out;
        } catch (SQLException e) {
            dropWriter(c, d.isConnectionFailure(e));
            throw d.translate("write", e);
        } catch (RuntimeException e) {
            dropWriter(c, false);
            throw e;
        }
    }

    private Connection writerConnection() throws SQLException {
        if (writer == null) {
            writer = d.connect();
            writer.setAutoCommit(false);
        }
        return writer;
    }

    private void dropWriter(Connection c, boolean databaseGone) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the connection may be gone
        }
        if (databaseGone || !ConnectionPool.alive(c)) {
            pool.invalidateAll(); // closes this connection too
            ConnectionPool.closeQuietly(c);
            writer = null;
        }
    }

    /**
     * One compaction transaction over revisions {@code (from, to]}: deletes every row replaced by a row in that
     * range, and the range's deletion rows except the newest row of the log ({@code maxId}, whose id must stay
     * the maximum so revisions never repeat). Moves the compact revision from {@code from} to {@code to}.
     * Returns the number of rows deleted, or -1 when the compact revision was no longer {@code from} (another
     * server compacted meanwhile; nothing was changed).
     */
    public int compactStep(long from, long to, long maxId) {
        Connection c = pool.borrow("compact");
        boolean broken = false;
        try {
            c.setAutoCommit(false);
            List<Object[]> deletes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(d.sql(COMPACT_SCAN))) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String name = rs.getString(2);
                        boolean deleted = rs.getInt(3) != 0;
                        long prev = rs.getLong(4);
                        if (prev > 0) {
                            deletes.add(new Object[] {prev, name});
                        }
                        if (deleted && id < maxId) {
                            deletes.add(new Object[] {id, name});
                        }
                    }
                }
            }
            int deleted = 0;
            if (!deletes.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(d.sql(COMPACT_DELETE))) {
                    for (Object[] del : deletes) {
                        ps.setLong(1, (Long) del[0]);
                        ps.setString(2, (String) del[1]);
                        ps.addBatch();
                    }
                    for (int n : ps.executeBatch()) {
                        deleted += Math.max(n, 0);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(d.sql(META_SET_COMPACT))) {
                ps.setLong(1, to);
                ps.setLong(2, from);
                if (ps.executeUpdate() != 1) {
                    c.rollback();
                    return -1;
                }
            }
            c.commit();
            return deleted;
        } catch (SQLException e) {
            broken = true;
            if (d.isConnectionFailure(e)) {
                pool.invalidateAll();
            }
            throw d.translate("compact", e);
        } finally {
            pool.release(c, broken);
        }
    }

    /** Gives space freed by compaction back (dialect-specific; shrinks an H2 file). */
    public void afterCompact() {
        pool.read("shrink the database after compaction", c -> {
            d.afterCompact(c);
            return null;
        });
    }

    /** The smallest string greater than every string starting with {@code prefix}, or null if none. */
    static String prefixEnd(String prefix) {
        for (int i = prefix.length() - 1; i >= 0; i--) {
            char ch = prefix.charAt(i);
            if (ch != Character.MAX_VALUE) {
                return prefix.substring(0, i) + (char) (ch + 1);
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            ConnectionPool.closeQuietly(writer);
            writer = null;
        }
        pool.close();
    }
}
