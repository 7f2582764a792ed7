package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.ConflictException;
import io.tinykube.store.api.Event;
import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.Watch;
import io.tinykube.store.testing.Await;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.EventCollector;
import io.tinykube.store.testing.StoreFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two stores (two "servers") on one PostgreSQL database. */
class TwoServersTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aWriteOnOneServerReachesAWatchOnTheOtherWithinASecond() {
        fixture = new StoreFixture(Backend.POSTGRES);
        KvStore a = fixture.open(o -> o.pollInterval(Duration.ofMillis(200)));
        KvStore b = fixture.open(o -> o.pollInterval(Duration.ofMillis(200)));
        EventCollector c = new EventCollector();
        try (Watch w = b.watch("/registry/", b.currentRevision(), c)) {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                KeyValue kv = a.create("/registry/cm/k" + i, b("v" + i), 0);
                int want = i + 1;
                Await.until(Duration.ofSeconds(5), () -> c.size() >= want, "the event reaches the other server");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 1000, "took " + millis + " ms");
                Event e = c.events().get(i);
                assertEquals(kv.modRevision(), e.revision());
                assertArrayEquals(b("v" + i), e.current().value());
            }
        }
        assertEquals(a.currentRevision(), b.currentRevision());
        assertArrayEquals(b("v4"), b.get("/registry/cm/k4").orElseThrow().value());
    }

    @Test
    void racingUpdatesOnTwoServersHaveExactlyOneWinner() throws Exception {
        fixture = new StoreFixture(Backend.POSTGRES);
        KvStore[] servers = {fixture.open(), fixture.open()};
        KeyValue current = servers[0].create("/lease/leader", b("nobody"), 0);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 15; round++) {
                long expected = current.modRevision();
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<KeyValue>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    KvStore server = servers[t % 2];
                    String value = "round " + round + " thread " + t;
                    Callable<KeyValue> attempt = () -> {
                        start.await();
                        try {
                            return server.update("/lease/leader", b(value), expected, 0);
                        } catch (ConflictException e) {
                            return null;
                        }
                    };
                    results.add(pool.submit(attempt));
                }
                List<KeyValue> winners = new ArrayList<>();
                for (Future<KeyValue> f : results) {
                    if (f.get() != null) {
                        winners.add(f.get());
                    }
                }
                assertEquals(1, winners.size(), "round " + round);
                current = winners.get(0);
                for (KvStore s : servers) {
                    assertArrayEquals(current.value(), s.get("/lease/leader").orElseThrow().value());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(16, servers[1].currentRevision());
    }
}
