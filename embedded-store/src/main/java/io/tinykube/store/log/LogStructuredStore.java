package io.tinykube.store.log;

import io.tinykube.store.StoreOptions;
import io.tinykube.store.api.CompactedException;
import io.tinykube.store.api.ConflictException;
import io.tinykube.store.api.Event;
import io.tinykube.store.api.KeyExistsException;
import io.tinykube.store.api.KeyNotFoundException;
import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.ListResult;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.api.Watch;
import io.tinykube.store.api.WatchListener;
import io.tinykube.store.compact.Compactor;
import io.tinykube.store.sql.Append;
import io.tinykube.store.sql.BatchWriter;
import io.tinykube.store.sql.Change;
import io.tinykube.store.sql.PostgresDialect;
import io.tinykube.store.sql.Row;
import io.tinykube.store.sql.SqlLog;
import io.tinykube.store.sql.ValueCodec;
import io.tinykube.store.watch.Broadcaster;
import io.tinykube.store.watch.LogPoller;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * etcd's key-value semantics over the append-only log, the way kine does it: every write reads the key's newest
 * row and appends a new row that names it as {@code prev_revision}; the append happens only if that row is
 * still the newest (a compare-and-swap in the database), otherwise the write re-reads and decides again. This
 * class is the only place that reads-then-appends.
 */
public final class LogStructuredStore implements KvStore {
    private static final int MAX_ATTEMPTS = 64;
    private static final byte[] EMPTY = new byte[0];

    private final StoreOptions options;
    private final SqlLog log;
    private final BatchWriter writer;
    private final Broadcaster broadcaster;
    private final LogPoller poller;
    private final Compactor compactor;
    private final TtlSweeper sweeper;
    private final AtomicInteger writesInFlight = new AtomicInteger();
    private volatile boolean closed;

    /** Opens the store on an initialized log and starts its background work. */
    public LogStructuredStore(StoreOptions options, SqlLog log) {
        this.options = options;
        this.log = log;
        long start = log.maxId();
        boolean shared = log.dialect() instanceof PostgresDialect;
        this.broadcaster = new Broadcaster(this::readEvents, log::compactRevision, options.watchQueueLimit(), start);
        // Only a shared database gets writes this process is not told about; H2 polls just as a safety net.
        long pollMillis = shared ? options.pollInterval().toMillis() : Math.max(1000, options.pollInterval().toMillis());
        this.poller = new LogPoller(this::readEvents, broadcaster, log::compactRevision, pollMillis,
                options.gapTimeout().toMillis());
        this.writer = new BatchWriter(log, poller::notifyCommitted, writesInFlight::get);
        this.compactor = new Compactor(log, options.compactInterval().toMillis(), options.compactMinRetain(),
                options.compactBatchSize());
        this.sweeper = new TtlSweeper(this, log, options.ttlSweepInterval().toMillis());
        try {
            this.poller.start();
            this.compactor.start();
            this.sweeper.start(start);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    List<Event> readEvents(String prefix, long after, long upTo, int limit) {
        List<Change> changes = log.changes(prefix, after, upTo, limit);
        List<Event> events = new ArrayList<>(changes.size());
        for (Change c : changes) {
            events.add(toEvent(c));
        }
        return events;
    }

    static Event toEvent(Change c) {
        Row r = c.row();
        Row p = c.previous();
        if (r.created()) {
            return new Event(Event.Type.CREATE, kv(r), null);
        }
        KeyValue previous = p == null || p.deleted() ? null : kv(p);
        if (r.deleted()) {
            KeyValue current = new KeyValue(r.name(), previous == null ? EMPTY : previous.value(), r.createRevision(),
                    r.id(), previous == null ? 0 : previous.lease());
            return new Event(Event.Type.DELETE, current, previous);
        }
        return new Event(Event.Type.UPDATE, kv(r), previous);
    }

    private static KeyValue kv(Row r) {
        return new KeyValue(r.name(), r.value(), r.createRevision(), r.id(), r.lease());
    }

    // ---- reads

    @Override
    public long currentRevision() {
        checkOpen();
        return log.maxId();
    }

    @Override
    public long compactRevision() {
        checkOpen();
        return log.compactRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        checkKey(key);
        Row r = log.latest(key);
        return r == null || r.deleted() ? Optional.empty() : Optional.of(kv(r));
    }

    @Override
    public Optional<KeyValue> get(String key, long revision) {
        if (revision <= 0) {
            return get(key);
        }
        checkKey(key);
        checkRevision(revision);
        Row r = log.at(key, revision);
        checkNotCompacted(revision); // compaction may have run during the read
        return r == null || r.deleted() ? Optional.empty() : Optional.of(kv(r));
    }

    @Override
    public ListResult list(String prefix, String startAfter, int limit, long revision) {
        checkOpen();
        if (prefix == null) {
            prefix = "";
        }
        if (limit < 0) {
            throw new StoreException("limit must not be negative");
        }
        long at = revision > 0 ? revision : log.maxId();
        if (revision > 0) {
            checkRevision(revision);
        }
        List<Row> rows = log.list(prefix, startAfter, at, limit > 0 ? limit + 1 : 0);
        if (revision > 0) {
            checkNotCompacted(revision);
        }
        boolean more = limit > 0 && rows.size() > limit;
        int n = more ? limit : rows.size();
        List<KeyValue> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(kv(rows.get(i)));
        }
        return new ListResult(items, at, more);
    }

    @Override
    public long count(String prefix) {
        checkOpen();
        return log.count(prefix == null ? "" : prefix);
    }

    private void checkRevision(long revision) {
        checkNotCompacted(revision);
        long current = log.maxId();
        if (revision > current) {
            throw new StoreException("revision " + revision + " is in the future (current revision " + current + ")");
        }
    }

    private void checkNotCompacted(long revision) {
        long compact = log.compactRevision();
        if (revision < compact) {
            throw new CompactedException(revision, compact);
        }
    }

    // ---- writes: read the newest row, then append naming it; on a lost race read again

    @Override
    public KeyValue create(String key, byte[] value, long ttlSeconds) {
        writesInFlight.incrementAndGet();
        try {
            return doCreate(key, value, ttlSeconds);
        } finally {
            writesInFlight.decrementAndGet();
        }
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedRevision, long ttlSeconds) {
        writesInFlight.incrementAndGet();
        try {
            return doUpdate(key, value, expectedRevision, ttlSeconds);
        } finally {
            writesInFlight.decrementAndGet();
        }
    }

    @Override
    public KeyValue delete(String key, long expectedRevision) {
        writesInFlight.incrementAndGet();
        try {
            return doDelete(key, expectedRevision);
        } finally {
            writesInFlight.decrementAndGet();
        }
    }

    private KeyValue doCreate(String key, byte[] value, long ttlSeconds) {
        checkWrite(key, value, ttlSeconds);
        byte[] stored = ValueCodec.encode(value);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Row newest = log.latest(key);
            if (newest != null && !newest.deleted()) {
                throw new KeyExistsException(key);
            }
            long rev = writer.append(Append.create(key, newest == null ? 0 : newest.id(), ttlSeconds,
                    expiresAt(ttlSeconds), stored));
            if (rev > 0) {
                return new KeyValue(key, value, rev, rev, ttlSeconds);
            }
        }
        throw new StoreException("cannot create " + key + ": too many concurrent writes to it");
    }

    private KeyValue doUpdate(String key, byte[] value, long expectedRevision, long ttlSeconds) {
        checkWrite(key, value, ttlSeconds);
        byte[] stored = ValueCodec.encode(value);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Row newest = live(key, expectedRevision);
            long rev = writer.append(Append.update(key, newest.createRevision(), newest.id(), ttlSeconds,
                    expiresAt(ttlSeconds), stored));
            if (rev > 0) {
                return new KeyValue(key, value, newest.createRevision(), rev, ttlSeconds);
            }
        }
        throw new StoreException("cannot update " + key + ": too many concurrent writes to it");
    }

    private KeyValue doDelete(String key, long expectedRevision) {
        checkKey(key);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Row newest = live(key, expectedRevision);
            long rev = writer.append(Append.delete(key, newest.createRevision(), newest.id()));
            if (rev > 0) {
                return kv(newest);
            }
        }
        throw new StoreException("cannot delete " + key + ": too many concurrent writes to it");
    }

    /** The key's newest row if it is live and matches the precondition. */
    private Row live(String key, long expectedRevision) {
        Row newest = log.latest(key);
        if (newest == null || newest.deleted()) {
            throw new KeyNotFoundException(key);
        }
        if (expectedRevision != 0 && newest.id() != expectedRevision) {
            throw new ConflictException(key, expectedRevision, kv(newest));
        }
        return newest;
    }

    private static long expiresAt(long ttlSeconds) {
        return ttlSeconds > 0 ? System.currentTimeMillis() + ttlSeconds * 1000 : 0;
    }

    private void checkWrite(String key, byte[] value, long ttlSeconds) {
        checkKey(key);
        if (value == null) {
            throw new StoreException("the value of " + key + " is null");
        }
        if (value.length > options.maxValueSize()) {
            throw new StoreException("the value of " + key + " is " + value.length + " bytes, over the limit of "
                    + options.maxValueSize() + " bytes");
        }
        if (ttlSeconds < 0) {
            throw new StoreException("the TTL of " + key + " must not be negative");
        }
    }

    private void checkKey(String key) {
        checkOpen();
        if (key == null || key.isEmpty()) {
            throw new StoreException("the key must not be empty");
        }
        int bytes = key.length() <= options.maxKeySize() / 3
                ? key.length() : key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > options.maxKeySize()) {
            throw new StoreException("the key " + key.substring(0, Math.min(64, key.length())) + "... is " + bytes
                    + " bytes, over the limit of " + options.maxKeySize() + " bytes");
        }
    }

    // ---- watch and compaction

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        checkOpen();
        if (listener == null) {
            throw new StoreException("the watch listener is null");
        }
        long after = Math.max(0, afterRevision);
        long compact = log.compactRevision();
        if (after < compact) {
            throw new CompactedException(after, compact);
        }
        return broadcaster.subscribe(prefix == null ? "" : prefix, after, listener);
    }

    @Override
    public long compact(long revision) {
        checkOpen();
        return compactor.compact(revision);
    }

    /** Average writes per commit so far: how many writers shared each disk sync (diagnostics). */
    public double averageCommitBatch() {
        return writer.averageBatch();
    }

    /** The revision up to which watches have been fed (for tests and diagnostics). */
    public long watchPosition() {
        return broadcaster.position();
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        sweeper.close();
        compactor.close();
        writer.close();
        poller.close();
        broadcaster.close();
        log.close();
    }
}
