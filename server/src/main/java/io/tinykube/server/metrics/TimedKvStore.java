package io.tinykube.server.metrics;

import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.ListResult;
import io.tinykube.store.api.Watch;
import io.tinykube.store.api.WatchListener;
import java.util.Optional;
import java.util.function.Supplier;

/** Measures every datastore operation for {@code apiserver_storage_duration_seconds}. */
public final class TimedKvStore implements KvStore {
    private final KvStore delegate;
    private final Metrics metrics;

    public TimedKvStore(KvStore delegate, Metrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            metrics.storage(operation, System.nanoTime() - start);
        }
    }

    @Override
    public long currentRevision() {
        return delegate.currentRevision();
    }

    @Override
    public long compactRevision() {
        return delegate.compactRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return timed("get", () -> delegate.get(key));
    }

    @Override
    public Optional<KeyValue> get(String key, long revision) {
        return timed("get", () -> delegate.get(key, revision));
    }

    @Override
    public ListResult list(String prefix, String startAfter, int limit, long revision) {
        return timed("list", () -> delegate.list(prefix, startAfter, limit, revision));
    }

    @Override
    public long count(String prefix) {
        return timed("count", () -> delegate.count(prefix));
    }

    @Override
    public KeyValue create(String key, byte[] value, long ttlSeconds) {
        return timed("create", () -> delegate.create(key, value, ttlSeconds));
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedRevision, long ttlSeconds) {
        return timed("update", () -> delegate.update(key, value, expectedRevision, ttlSeconds));
    }

    @Override
    public KeyValue delete(String key, long expectedRevision) {
        return timed("delete", () -> delegate.delete(key, expectedRevision));
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        return delegate.watch(prefix, afterRevision, listener);
    }

    @Override
    public long compact(long revision) {
        return timed("compact", () -> delegate.compact(revision));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
