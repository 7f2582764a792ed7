package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.api.Watch;
import io.tinykube.store.testing.Await;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.EventCollector;
import io.tinykube.store.testing.PostgresTestServer;
import io.tinykube.store.testing.StoreFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL stops in the middle of writes: clear errors, then everything works again once it is back. */
class PostgresOutageTest {
    private PostgresTestServer server;
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void writesFailClearlyWhileTheServerIsDownAndNothingAcknowledgedIsLost() throws Exception {
        server = PostgresTestServer.start();
        fixture = new StoreFixture(Backend.POSTGRES, server);
        KvStore store = fixture.open();
        EventCollector watched = new EventCollector();
        Watch watch = store.watch("/outage/", 0, watched);

        Map<Long, String> acked = new ConcurrentHashMap<>(); // revision -> key
        ConcurrentLinkedQueue<StoreException> errors = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ackCount = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String key = "/outage/w" + t;
            Thread w = new Thread(() -> {
                long rev = 0;
                while (!stop.get()) {
                    try {
                        KeyValue kv = rev == 0 ? store.create(key, b("v"), 0) : store.update(key, b("v" + rev), 0, 0);
                        rev = kv.modRevision();
                        acked.put(rev, key);
                        ackCount.incrementAndGet();
                    } catch (io.tinykube.store.api.KeyExistsException e) {
                        rev = store.get(key).map(KeyValue::modRevision).orElse(0L);
                    } catch (StoreException e) {
                        errors.add(e);
                        try {
                            Thread.sleep(20); // a client's retry back-off
                        } catch (InterruptedException ie) {
                            return;
                        }
                    }
                }
            });
            w.start();
            writers.add(w);
        }
        Await.until(Duration.ofSeconds(30), () -> ackCount.get() >= 200, "writes before the outage");
        server.stop();
        Await.until(Duration.ofSeconds(30), () -> errors.size() >= 4, "errors while the server is down");
        int ackedDuringOutage = ackCount.get();
        StoreException sample = errors.peek();
        assertNotNull(sample);
        assertTrue(sample.getMessage().contains("PostgreSQL at 127.0.0.1:" + server.port()), sample.getMessage());

        server.restart();
        Await.until(Duration.ofSeconds(30), () -> ackCount.get() >= ackedDuringOutage + 100,
                () -> "writes after the restart: " + (ackCount.get() - ackedDuringOutage) + ", last error: "
                        + errors.stream().reduce((a, e) -> e).map(Throwable::getMessage).orElse("none"));
        stop.set(true);
        for (Thread w : writers) {
            w.join(30_000);
        }
        for (Map.Entry<Long, String> e : acked.entrySet()) {
            KeyValue kv = store.get(e.getValue(), e.getKey()).orElseThrow(
                    () -> new AssertionError("acknowledged revision " + e.getKey() + " is lost"));
            assertEquals((long) e.getKey(), kv.modRevision());
        }
        long current = store.currentRevision();
        Await.until(Duration.ofSeconds(30), () -> !watched.events().isEmpty()
                        && watched.events().get(watched.size() - 1).revision() == current,
                () -> "the watch follows after the restart: " + watched.size() + " events, error " + watched.error());
        watch.close();
        List<Long> revisions = watched.events().stream().map(e -> e.revision()).toList();
        for (int i = 1; i < revisions.size(); i++) {
            assertTrue(revisions.get(i) > revisions.get(i - 1), "watch order");
        }
        assertTrue(revisions.containsAll(acked.keySet()), "the watch saw every acknowledged write");
    }
}
