package io.tinykube.server.store;

import io.tinykube.server.metrics.Metrics;
import io.tinykube.server.metrics.TimedKvStore;
import io.tinykube.store.KvStores;
import io.tinykube.store.StoreOptions;
import io.tinykube.store.api.KvStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens the datastore: embedded H2 under the data dir, or the PostgreSQL of --datastore-endpoint. */
@ApplicationScoped
public class StoreProducer {
    @Produces
    @Singleton
    KvStore open(@ConfigProperty(name = "tinykube.server-dir") Path serverDir,
                 @ConfigProperty(name = "tinykube.datastore-endpoint") Optional<String> endpoint, Metrics metrics) {
        String target = endpoint.filter(e -> !e.isBlank()).orElse("h2:" + serverDir.resolve("db"));
        return new TimedKvStore(KvStores.open(StoreOptions.builder().endpoint(target).cacheSizeBytes(cacheSize()).build()), metrics);
    }

    /**
     * The embedded database's page cache lives on the heap: an eighth of it, between 4 and 16 MiB
     * (a 1 GiB board's 64 MiB heap gets 8 MiB, this size of machine the store's default 16 MiB).
     */
    static long cacheSize() {
        long eighth = Runtime.getRuntime().maxMemory() / 8;
        return Math.max(MIN_CACHE_BYTES, Math.min(StoreOptions.DEFAULTS.cacheSizeBytes(), eighth));
    }

    static final long MIN_CACHE_BYTES = 4L << 20;

    void close(@Disposes KvStore store) {
        store.close();
    }
}
