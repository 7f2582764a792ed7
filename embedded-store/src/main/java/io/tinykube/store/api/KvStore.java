package io.tinykube.store.api;

import java.util.Optional;

/**
 * etcd's semantics for the API server: keys with values, one revision counter that increases with
 * every write, optimistic concurrency by revision, ordered watches that resume from a revision, and
 * compaction. Only what the API server needs; thread-safe.
 */
public interface KvStore extends AutoCloseable {

    /** The revision of the newest write (0 for an empty store). */
    long currentRevision();

    /** The revision below which history has been compacted away. */
    long compactRevision();

    /** The latest version of a key, if it exists. */
    Optional<KeyValue> get(String key);

    /** The version of a key as it was at {@code revision}. */
    Optional<KeyValue> get(String key, long revision);

    /**
     * Keys starting with {@code prefix} in key order, after {@code startAfter} (null for the first page),
     * at most {@code limit} (0 for all), as of {@code revision} (0 for the latest).
     */
    ListResult list(String prefix, String startAfter, int limit, long revision);

    /** How many keys start with {@code prefix} now. */
    long count(String prefix);

    /** Creates a key; {@code ttlSeconds} &gt; 0 makes it expire (deleted by the store) after that long. */
    KeyValue create(String key, byte[] value, long ttlSeconds);

    /**
     * Replaces a key's value if its current modRevision is {@code expectedRevision}
     * ({@code 0} means any). Throws {@link KeyNotFoundException} or {@link ConflictException}.
     */
    KeyValue update(String key, byte[] value, long expectedRevision, long ttlSeconds);

    /** Deletes a key under the same precondition as update; returns the deleted version. */
    KeyValue delete(String key, long expectedRevision);

    /**
     * Delivers every change under {@code prefix} with a revision greater than {@code afterRevision}, in
     * order, then live changes. Throws {@link CompactedException} when {@code afterRevision} is older
     * than the compact revision.
     */
    Watch watch(String prefix, long afterRevision, WatchListener listener);

    /** Removes history superseded at or before {@code revision}; returns the new compact revision. */
    long compact(long revision);

    @Override
    void close();
}
