package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tinykube.store.api.ConflictException;
import io.tinykube.store.api.KeyExistsException;
import io.tinykube.store.api.KeyNotFoundException;
import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.BackendTest;
import io.tinykube.store.testing.StoreFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;

/** Preconditions: create of an existing key, and update/delete at a stale revision or of a missing key. */
class ConflictsTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BackendTest
    void createOfAnExistingKeyFails(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        store.create("/k", b("v"), 0);
        assertThrows(KeyExistsException.class, () -> store.create("/k", b("w"), 0));
        assertArrayEquals(b("v"), store.get("/k").orElseThrow().value());
        assertEquals(1, store.currentRevision(), "a failed write takes no revision");
    }

    @BackendTest
    void staleRevisionsAreRejectedWithTheCurrentVersion(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        KeyValue v1 = store.create("/k", b("v1"), 0);
        KeyValue v2 = store.update("/k", b("v2"), v1.modRevision(), 0);
        ConflictException update = assertThrows(ConflictException.class,
                () -> store.update("/k", b("stale"), v1.modRevision(), 0));
        assertEquals(v2.modRevision(), update.current().modRevision());
        assertArrayEquals(b("v2"), update.current().value());
        ConflictException delete = assertThrows(ConflictException.class, () -> store.delete("/k", v1.modRevision()));
        assertEquals(v2.modRevision(), delete.current().modRevision());
        assertArrayEquals(b("v2"), store.get("/k").orElseThrow().value());
        assertEquals(2, store.currentRevision());
    }

    @BackendTest
    void missingKeysCannotBeUpdatedOrDeleted(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        assertThrows(KeyNotFoundException.class, () -> store.update("/nope", b("v"), 0, 0));
        assertThrows(KeyNotFoundException.class, () -> store.delete("/nope", 0));
        KeyValue v = store.create("/gone", b("v"), 0);
        store.delete("/gone", v.modRevision());
        assertThrows(KeyNotFoundException.class, () -> store.update("/gone", b("v"), v.modRevision(), 0));
        assertThrows(KeyNotFoundException.class, () -> store.delete("/gone", 0));
        StoreException base = assertThrows(StoreException.class, () -> store.delete("/gone", 0));
        assertEquals("key not found: /gone", base.getMessage());
    }

    @BackendTest
    void concurrentCompareAndSwapHasExactlyOneWinner(Backend backend) throws Exception {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            KeyValue current = store.create("/counter", b("0"), 0);
            for (int round = 1; round <= 20; round++) {
                long expected = current.modRevision();
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<KeyValue>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String value = round + "-" + t;
                    Callable<KeyValue> attempt = () -> {
                        start.await();
                        try {
                            return store.update("/counter", b(value), expected, 0);
                        } catch (ConflictException e) {
                            return null;
                        }
                    };
                    results.add(pool.submit(attempt));
                }
                KeyValue winner = null;
                for (Future<KeyValue> f : results) {
                    KeyValue r = f.get();
                    if (r != null) {
                        assertEquals(null, winner, "two updates at revision " + expected + " both succeeded");
                        winner = r;
                    }
                }
                assertEquals(true, winner != null, "no update won round " + round);
                assertArrayEquals(winner.value(), store.get("/counter").orElseThrow().value());
                current = winner;
            }
            assertEquals(21, store.currentRevision(), "losers took no revisions");
        } finally {
            pool.shutdownNow();
        }
    }

    @BackendTest
    void concurrentCreatesHaveExactlyOneWinner(Backend backend) throws Exception {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.create("/once", b("by " + id), 0);
                        return true;
                    } catch (KeyExistsException e) {
                        return false;
                    }
                }));
            }
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get() ? 1 : 0;
            }
            assertEquals(1, wins);
            assertEquals(1, store.currentRevision());
        } finally {
            pool.shutdownNow();
        }
    }
}
