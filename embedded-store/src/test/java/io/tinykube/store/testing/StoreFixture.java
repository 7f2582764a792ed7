package io.tinykube.store.testing;

import io.tinykube.store.KvStores;
import io.tinykube.store.StoreOptions;
import io.tinykube.store.api.KvStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A fresh, empty store location for one test (an H2 directory or a new PostgreSQL database on the shared test
 * server); opens stores on it and closes and deletes everything on {@link #close()}.
 */
public final class StoreFixture implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Backend backend;
    private final Path dir;
    private final String database;
    private final PostgresTestServer server;
    private final List<KvStore> stores = new ArrayList<>();

    public StoreFixture(Backend backend) {
        this(backend, backend == Backend.POSTGRES ? PostgresTestServer.shared() : null);
    }

    public StoreFixture(Backend backend, PostgresTestServer server) {
        this.backend = backend;
        this.server = server;
        try {
            this.dir = Files.createTempDirectory("tinykube-store-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.database = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    public Backend backend() {
        return backend;
    }

    public Path dir() {
        return dir;
    }

    public String endpoint() {
        return backend == Backend.H2 ? "h2:" + dir : server.endpoint(database);
    }

    /** Options for tests: fast TTL sweeps and polls, no automatic compaction. */
    public StoreOptions.Builder options() {
        return StoreOptions.builder().endpoint(endpoint()).compactInterval(Duration.ZERO)
                .ttlSweepInterval(Duration.ofMillis(100)).pollInterval(Duration.ofMillis(100));
    }

    public KvStore open() {
        return open(UnaryOperator.identity());
    }

    public KvStore open(UnaryOperator<StoreOptions.Builder> customize) {
        KvStore store = KvStores.open(customize.apply(options()).build());
        synchronized (stores) {
            stores.add(store);
        }
        return store;
    }

    @Override
    public void close() {
        synchronized (stores) {
            for (KvStore s : stores) {
                try {
                    s.close();
                } catch (RuntimeException ignored) {
                    // already closed
                }
            }
            stores.clear();
        }
        if (backend == Backend.POSTGRES) {
            try {
                server.dropDatabase(database);
            } catch (RuntimeException ignored) {
                // the server may be stopped by the test
            }
        }
        deleteTree(dir);
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
