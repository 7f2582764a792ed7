package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.CompactedException;
import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.sql.H2Dialect;
import io.tinykube.store.testing.Await;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.BackendTest;
import io.tinykube.store.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Compaction removes replaced versions and deletions, keeps every live key's newest version. */
class CompactionTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BackendTest
    void compactionKeepsTheLatestStateAndRevisionsNeverRepeat(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open(o -> o.compactBatchSize(10)); // many small transactions
        for (int i = 0; i < 20; i++) {
            KeyValue kv = store.create("/k" + i, b("v0"), 0);
            for (int v = 1; v <= 5; v++) {
                kv = store.update("/k" + i, b("v" + v), kv.modRevision(), 0);
            }
        }
        for (int i = 0; i < 10; i++) {
            store.delete("/k" + i, 0);
        }
        long current = store.currentRevision();
        assertEquals(130, current);
        assertEquals(current, store.compact(current));
        assertEquals(current, store.compactRevision());
        assertEquals(10, store.count("/"));
        for (int i = 10; i < 20; i++) {
            assertArrayEquals(b("v5"), store.get("/k" + i).orElseThrow().value());
        }
        assertTrue(store.get("/k0").isEmpty());
        assertThrows(CompactedException.class, () -> store.get("/k15", current - 1));
        assertEquals(10, store.list("/", null, 0, current).items().size());
        assertEquals(current, store.compact(current), "compacting again changes nothing");

        // The newest row was a deletion; its revision must never be handed out again, even after a restart.
        store.close();
        KvStore reopened = fixture.open();
        assertEquals(current, reopened.currentRevision());
        assertEquals(current + 1, reopened.create("/k0", b("again"), 0).modRevision());
        assertEquals(current + 2, reopened.update("/k15", b("v6"), 0, 0).modRevision());
        assertEquals(1, rowsFor(reopened, "/k15"), "one row per live key after compacting everything");
    }

    private long rowsFor(KvStore store, String key) {
        // Count history through the API: every revision of the key that is still readable.
        long rows = 0;
        long compact = store.compactRevision();
        for (long rev = compact; rev <= store.currentRevision(); rev++) {
            KeyValue kv = store.get(key, rev).orElse(null);
            if (kv != null && kv.modRevision() == rev) {
                rows++;
            }
        }
        return rows;
    }

    @BackendTest
    void automaticCompactionKeepsTheNewestRevisions(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open(o -> o.compactInterval(Duration.ofMillis(200)).compactMinRetain(10));
        KeyValue kv = store.create("/k", b("0"), 0);
        for (int i = 1; i < 60; i++) {
            kv = store.update("/k", b(Integer.toString(i)), kv.modRevision(), 0);
        }
        Await.until(Duration.ofSeconds(10), () -> store.compactRevision() == 50,
                () -> "compact revision " + store.compactRevision());
        assertArrayEquals(b("59"), store.get("/k").orElseThrow().value());
        assertArrayEquals(b("49"), store.get("/k", 50).orElseThrow().value());
    }

    @Test
    void anIdleStoreWritesNothing() throws Exception {
        fixture = new StoreFixture(Backend.H2);
        KvStore store = fixture.open(o -> o.compactInterval(Duration.ofMillis(100)).compactMinRetain(0)
                .ttlSweepInterval(Duration.ofMillis(50)));
        KeyValue kv = store.create("/k", b("v"), 0);
        store.update("/k", b("v2"), kv.modRevision(), 0);
        store.create("/lease", b("l"), 3600);
        Await.until(Duration.ofSeconds(10), () -> store.compactRevision() == 3, "the first compaction");
        store.compact(3); // returns once the automatic run (and its file shrink) is over; itself has nothing to do
        Path file = fixture.dir().resolve(H2Dialect.FILE_BASE + H2Dialect.FILE_SUFFIX);
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        // An observation window: ten compaction and twenty TTL sweep intervals with nothing to do.
        long until = System.nanoTime() + Duration.ofMillis(1000).toNanos();
        Await.until(Duration.ofSeconds(5), () -> System.nanoTime() > until, "the window");
        assertEquals(modified, Files.getLastModifiedTime(file), "the file was written while idle");
        assertEquals(size, Files.size(file));
    }

    @Test
    void compactionShrinksTheH2FileBackToItsWorkingSet() throws Exception {
        fixture = new StoreFixture(Backend.H2);
        KvStore store = fixture.open();
        int keys = 100;
        int updates = 100_000;
        int writers = 16;
        byte[][] values = new byte[64][];
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < values.length; i++) {
            values[i] = new byte[200];
            random.nextBytes(values[i]);
        }
        for (int k = 0; k < keys; k++) {
            store.create("/registry/leases/k" + k, values[k % 64], 0);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                for (int op = writer; op < updates; op += writers) {
                    // each writer owns keys k with k % writers == writer: no conflicts
                    int k = writer + writers * ((op / writers) % ((keys - writer + writers - 1) / writers));
                    store.update("/registry/leases/k" + k, values[op % 64], 0, 0);
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        Path file = fixture.dir().resolve(H2Dialect.FILE_BASE + H2Dialect.FILE_SUFFIX);
        long before = Files.size(file);
        long current = store.currentRevision();
        assertEquals(keys + updates, current);
        long start = System.nanoTime();
        store.compact(current);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long after = Files.size(file);
        System.out.printf("H2 file: %.1f MB after %d updates of %d keys, %.2f MB after compaction (%d ms)%n",
                before / 1e6, updates, keys, after / 1e6, millis);
        assertTrue(before > 20_000_000, "the history took space: " + before);
        assertTrue(after < 2_000_000, "the file shrank to near its working set: " + after + " bytes");
        assertEquals(keys, store.count("/registry/leases/"));
        store.close();
        assertTrue(Files.size(file) < 2_000_000);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + fixture.dir().resolve("tinykube"), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM tinykube_kv")) {
            rs.next();
            assertEquals(keys, rs.getLong(1), "one row per key left");
        }
    }
}
