package io.tinykube.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How to open a store. Every default lives in {@link #DEFAULTS}; build variations with {@link #builder()}.
 *
 * @param endpoint          null or empty: embedded H2 in {@link #DEFAULT_DATA_DIR}; {@code h2:/dir}: embedded H2
 *                          in that directory; {@code postgres://user:pass@host:port/db?sslmode=disable} (k3s's
 *                          {@code --datastore-endpoint}) or {@code jdbc:postgresql://...}: PostgreSQL
 * @param cacheSizeBytes    the bound of the embedded database's page cache (H2); PostgreSQL caches server-side
 * @param maxKeySize        longest key in UTF-8 bytes; at most 2048 (PostgreSQL's index entry limit)
 * @param maxValueSize      longest value in bytes
 * @param compactInterval   how often history is compacted automatically; zero disables it
 * @param compactMinRetain  automatic compaction keeps at least this many newest revisions
 * @param compactBatchSize  revisions compacted per transaction
 * @param pollInterval      how often a PostgreSQL store looks for writes made by other servers
 * @param gapTimeout        how long a missing revision is waited for before it is treated as gone
 * @param ttlSweepInterval  how often expired keys are looked for (in memory: an idle check touches no disk)
 * @param maxConnections    the connection pool's size for readers (the writer has its own connection)
 * @param watchQueueLimit   events buffered per watcher before a slow watcher is fed from the database instead
 */
public record StoreOptions(
        String endpoint,
        long cacheSizeBytes,
        int maxKeySize,
        int maxValueSize,
        Duration compactInterval,
        long compactMinRetain,
        int compactBatchSize,
        Duration pollInterval,
        Duration gapTimeout,
        Duration ttlSweepInterval,
        int maxConnections,
        int watchQueueLimit) {

    /** Where an endpoint-less store keeps its H2 file. */
    public static final String DEFAULT_DATA_DIR = "/var/lib/tinykube/server/db";

    /** PostgreSQL refuses index entries over ~2.7 KB, so keys are capped below that. */
    public static final int KEY_SIZE_CEILING = 2048;

    /** All defaults, in one place. */
    public static final StoreOptions DEFAULTS = new StoreOptions(
            null,
            16L << 20,                  // 16 MiB page cache
            2048,                       // keys: Kubernetes keys are short
            4 << 20,                    // values: the API's 3 MiB body limit plus headroom
            Duration.ofMinutes(5),      // like kine
            1000,                       // like kine
            500,
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            4,
            10_000);

    public StoreOptions {
        if (cacheSizeBytes < (1 << 20)) {
            throw new IllegalArgumentException("cacheSizeBytes must be at least 1 MiB");
        }
        if (maxKeySize < 16 || maxKeySize > KEY_SIZE_CEILING) {
            throw new IllegalArgumentException("maxKeySize must be between 16 and " + KEY_SIZE_CEILING);
        }
        if (maxValueSize < 1024 || maxValueSize > (256 << 20)) {
            throw new IllegalArgumentException("maxValueSize must be between 1 KiB and 256 MiB");
        }
        Objects.requireNonNull(compactInterval, "compactInterval");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(gapTimeout, "gapTimeout");
        Objects.requireNonNull(ttlSweepInterval, "ttlSweepInterval");
        if (compactInterval.isNegative()) {
            throw new IllegalArgumentException("compactInterval must not be negative");
        }
        if (compactMinRetain < 0) {
            throw new IllegalArgumentException("compactMinRetain must not be negative");
        }
        if (compactBatchSize < 10) {
            throw new IllegalArgumentException("compactBatchSize must be at least 10");
        }
        if (pollInterval.toMillis() < 10 || ttlSweepInterval.toMillis() < 10) {
            throw new IllegalArgumentException("pollInterval and ttlSweepInterval must be at least 10 ms");
        }
        if (gapTimeout.isNegative()) {
            throw new IllegalArgumentException("gapTimeout must not be negative");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        if (watchQueueLimit < 16) {
            throw new IllegalArgumentException("watchQueueLimit must be at least 16");
        }
    }

    /** The defaults with this endpoint. */
    public static StoreOptions of(String endpoint) {
        return builder().endpoint(endpoint).build();
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable companion of {@link StoreOptions}. */
    public static final class Builder {
        private String endpoint;
        private long cacheSizeBytes;
        private int maxKeySize;
        private int maxValueSize;
        private Duration compactInterval;
        private long compactMinRetain;
        private int compactBatchSize;
        private Duration pollInterval;
        private Duration gapTimeout;
        private Duration ttlSweepInterval;
        private int maxConnections;
        private int watchQueueLimit;

        private Builder(StoreOptions o) {
            endpoint = o.endpoint;
            cacheSizeBytes = o.cacheSizeBytes;
            maxKeySize = o.maxKeySize;
            maxValueSize = o.maxValueSize;
            compactInterval = o.compactInterval;
            compactMinRetain = o.compactMinRetain;
            compactBatchSize = o.compactBatchSize;
            pollInterval = o.pollInterval;
            gapTimeout = o.gapTimeout;
            ttlSweepInterval = o.ttlSweepInterval;
            maxConnections = o.maxConnections;
            watchQueueLimit = o.watchQueueLimit;
        }

        public Builder endpoint(String v) {
            endpoint = v;
            return this;
        }

        public Builder cacheSizeBytes(long v) {
            cacheSizeBytes = v;
            return this;
        }

        public Builder maxKeySize(int v) {
            maxKeySize = v;
            return this;
        }

        public Builder maxValueSize(int v) {
            maxValueSize = v;
            return this;
        }

        public Builder compactInterval(Duration v) {
            compactInterval = v;
            return this;
        }

        public Builder compactMinRetain(long v) {
            compactMinRetain = v;
            return this;
        }

        public Builder compactBatchSize(int v) {
            compactBatchSize = v;
            return this;
        }

        public Builder pollInterval(Duration v) {
            pollInterval = v;
            return this;
        }

        public Builder gapTimeout(Duration v) {
            gapTimeout = v;
            return this;
        }

        public Builder ttlSweepInterval(Duration v) {
            ttlSweepInterval = v;
            return this;
        }

        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        public Builder watchQueueLimit(int v) {
            watchQueueLimit = v;
            return this;
        }

        public StoreOptions build() {
            return new StoreOptions(endpoint, cacheSizeBytes, maxKeySize, maxValueSize, compactInterval,
                    compactMinRetain, compactBatchSize, pollInterval, gapTimeout, ttlSweepInterval, maxConnections,
                    watchQueueLimit);
        }
    }
}
