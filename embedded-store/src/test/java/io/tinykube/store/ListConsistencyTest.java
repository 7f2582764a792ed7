package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.ListResult;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.BackendTest;
import io.tinykube.store.testing.StoreFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;

/** Prefix lists in pages, all read at one revision, and counts. */
class ListConsistencyTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static String pod(int i) {
        return String.format(Locale.ROOT, "/registry/pods/default/p%03d", i);
    }

    @BackendTest
    void pagesAreReadAtOneRevisionWhateverIsWrittenBetweenThem(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        for (int i = 0; i < 25; i++) {
            store.create(pod(i), b("v" + i), 0);
        }
        store.create("/registry/pods2/x", b("not under the prefix"), 0);
        store.create("/registry/podsa", b("not under the prefix"), 0);
        store.create("/registry/services/default/s", b("s"), 0);
        store.delete(pod(3), 0);

        ListResult first = store.list("/registry/pods/", null, 10, 0);
        long at = first.revision();
        assertEquals(store.currentRevision(), at);
        assertEquals(10, first.items().size());
        assertTrue(first.more());
        List<String> keys = new ArrayList<>();
        first.items().forEach(kv -> keys.add(kv.key()));

        // Writes between pages: none of them may show up in the following pages.
        store.update(pod(15), b("changed"), 0, 0);
        store.delete(pod(20), 0);
        store.create("/registry/pods/default/p0155", b("new between pages"), 0);
        store.create("/registry/pods/default/zzz", b("new at the end"), 0);

        String after = first.items().get(first.items().size() - 1).key();
        ListResult page;
        do {
            page = store.list("/registry/pods/", after, 10, at);
            assertEquals(at, page.revision());
            for (KeyValue kv : page.items()) {
                keys.add(kv.key());
                assertTrue(kv.modRevision() <= at);
                if (kv.key().equals(pod(15))) {
                    assertEquals("v15", new String(kv.value()));
                }
            }
            if (!page.items().isEmpty()) {
                after = page.items().get(page.items().size() - 1).key();
            }
        } while (page.more());

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            if (i != 3) {
                expected.add(pod(i));
            }
        }
        assertEquals(expected, keys);

        ListResult now = store.list("/registry/pods/", null, 0, 0);
        assertFalse(now.more());
        assertEquals(25, now.items().size()); // 24 - p020 + p0155 + zzz
        assertEquals(25, store.count("/registry/pods/"));
        assertEquals(1, store.count("/registry/services/"));
        assertEquals(28, store.count(""));
        assertEquals(28, store.list("", null, 0, 0).items().size());
        assertEquals(0, store.count("/registry/none/"));
    }

    @BackendTest
    void exactPagesEndWithoutMore(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        for (int i = 0; i < 4; i++) {
            store.create(pod(i), b("v"), 0);
        }
        ListResult p1 = store.list("/registry/pods/", null, 2, 0);
        assertTrue(p1.more());
        ListResult p2 = store.list("/registry/pods/", p1.items().get(1).key(), 2, p1.revision());
        assertEquals(2, p2.items().size());
        assertFalse(p2.more());
        assertTrue(store.list("/registry/nothing/", null, 5, 0).items().isEmpty());
    }

    /**
     * More keys than one scan of the key index collects (1024), with several versions, deletions and
     * re-creations, listed whole and in pages at an older and at the newest revision.
     */
    @BackendTest
    void manyKeysWithHistoryListAtEachRevision(Backend backend) throws Exception {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        int keys = 2600;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.function.IntConsumer phase1 = i -> {
                KeyValue kv = store.create(pod4(i), b("a" + i), 0);
                if (i % 3 == 0) {
                    store.update(pod4(i), b("b" + i), kv.modRevision(), 0);
                }
                if (i % 5 == 0) {
                    store.delete(pod4(i), 0);
                    if (i % 10 == 0) {
                        store.create(pod4(i), b("c" + i), 0);
                    }
                }
            };
            runAll(pool, keys, phase1);
            long r1 = store.currentRevision();
            runAll(pool, keys, i -> {
                if (i % 7 == 0) {
                    try {
                        store.delete(pod4(i), 0);
                    } catch (io.tinykube.store.api.KeyNotFoundException gone) {
                        // deleted in phase 1
                    }
                } else if (i % 2 == 0 && (i % 5 != 0 || i % 10 == 0)) {
                    store.update(pod4(i), b("d" + i), 0, 0);
                }
            });
            List<String> atR1 = new ArrayList<>();
            List<String> now = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                if (i % 5 != 0 || i % 10 == 0) {
                    String v1 = i % 10 == 0 ? "c" + i : i % 3 == 0 ? "b" + i : "a" + i;
                    atR1.add(pod4(i) + "=" + v1);
                    if (i % 7 != 0) {
                        now.add(pod4(i) + "=" + (i % 2 == 0 ? "d" + i : v1));
                    }
                }
            }
            assertEquals(atR1, listed(store, 0, r1));
            assertEquals(atR1, listed(store, 1000, r1));
            assertEquals(atR1, listed(store, 7, r1));
            assertEquals(now, listed(store, 0, 0));
            assertEquals(now, listed(store, 1500, 0));
            assertEquals(now.size(), store.count("/registry/pods/"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static String pod4(int i) {
        return String.format(Locale.ROOT, "/registry/pods/default/q%04d", i);
    }

    private static void runAll(java.util.concurrent.ExecutorService pool, int n, java.util.function.IntConsumer op)
            throws Exception {
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int first = w;
            done.add(pool.submit(() -> {
                for (int i = first; i < n; i += 8) {
                    op.accept(i);
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
    }

    private static List<String> listed(KvStore store, int limit, long revision) {
        List<String> out = new ArrayList<>();
        ListResult page = store.list("/registry/pods/", null, limit, revision);
        long at = page.revision();
        while (true) {
            page.items().forEach(kv -> out.add(kv.key() + "=" + new String(kv.value())));
            if (!page.more()) {
                return out;
            }
            assertTrue(limit > 0 && page.items().size() == limit);
            page = store.list("/registry/pods/", page.items().get(page.items().size() - 1).key(), limit, at);
        }
    }
}
