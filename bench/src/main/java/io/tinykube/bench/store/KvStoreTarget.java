package io.tinykube.bench.store;

import io.tinykube.store.KvStores;
import io.tinykube.store.StoreOptions;
import io.tinykube.store.api.Event;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.ListResult;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.api.WatchListener;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/** tinykube's embedded-store, on H2 or PostgreSQL depending on the endpoint. */
final class KvStoreTarget implements Target {
    private final String endpoint;
    private final KvStore store;

    KvStoreTarget(String endpoint) {
        this.endpoint = endpoint;
        this.store = KvStores.open(StoreOptions.of(endpoint)); // the store's defaults, as the server uses it
    }

    @Override
    public long create(String key, byte[] value) {
        return store.create(key, value, 0).modRevision();
    }

    @Override
    public long update(String key, byte[] value, long expectedRevision) {
        return store.update(key, value, expectedRevision, 0).modRevision();
    }

    @Override
    public int list(String prefix) {
        // One request for everything; should the store page anyway, read the rest at the same revision.
        ListResult page = store.list(prefix, null, 0, 0);
        int n = page.items().size();
        while (page.more() && !page.items().isEmpty()) {
            String last = page.items().get(page.items().size() - 1).key();
            page = store.list(prefix, last, 0, page.revision());
            n += page.items().size();
        }
        return n;
    }

    @Override
    public long revision() {
        return store.currentRevision();
    }

    @Override
    public AutoCloseable watch(String prefix, long afterRevision, Consumer<byte[]> onValue) {
        return store.watch(prefix, afterRevision, new WatchListener() {
            @Override
            public void onEvents(List<Event> events) {
                for (Event event : events) {
                    onValue.accept(event.current().value());
                }
            }

            @Override
            public void onError(StoreException error) {
                System.err.println("store watch failed: " + error.getMessage());
            }
        });
    }

    /** PostgreSQL keeps changed pages in shared buffers until a checkpoint; H2 and etcd write as they go. */
    @Override
    public void flush() {
        if (!endpoint.startsWith("postgres")) {
            return;
        }
        URI uri = URI.create(endpoint);
        String[] user = uri.getUserInfo().split(":", 2);
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
        try (Connection c = DriverManager.getConnection(jdbc, user[0], user.length > 1 ? user[1] : "");
             Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException("CHECKPOINT failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
