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
        return new TimedKvStore(KvStores.open(StoreOptions.builder().endpoint(target).build()), metrics);
    }

    void close(@Disposes KvStore store) {
        store.close();
    }
}
