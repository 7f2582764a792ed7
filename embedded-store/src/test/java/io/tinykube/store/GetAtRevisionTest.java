package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.CompactedException;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.BackendTest;
import io.tinykube.store.testing.StoreFixture;
import org.junit.jupiter.api.AfterEach;

/** Reading a key as it was at a past revision. */
class GetAtRevisionTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BackendTest
    void pastVersionsAreReadable(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        store.create("/k", b("v1"), 0);            // 1
        store.create("/other", b("o"), 0);         // 2
        store.update("/k", b("v2"), 1, 0);         // 3
        store.delete("/k", 3);                     // 4
        store.create("/k", b("v3"), 0);            // 5

        assertArrayEquals(b("v1"), store.get("/k", 1).orElseThrow().value());
        assertEquals(1, store.get("/k", 2).orElseThrow().modRevision());
        assertArrayEquals(b("v2"), store.get("/k", 3).orElseThrow().value());
        assertTrue(store.get("/k", 4).isEmpty(), "deleted at 4");
        assertEquals(5, store.get("/k", 5).orElseThrow().createRevision());
        assertTrue(store.get("/other", 1).isEmpty(), "did not exist yet");
        assertArrayEquals(b("v3"), store.get("/k", 0).orElseThrow().value(), "0 means latest");
        StoreException future = assertThrows(StoreException.class, () -> store.get("/k", 99));
        assertTrue(future.getMessage().contains("future"), future.getMessage());
    }

    @BackendTest
    void compactedRevisionsAreRefused(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        store.create("/k", b("v1"), 0);            // 1
        store.update("/k", b("v2"), 1, 0);         // 2
        store.update("/k", b("v3"), 2, 0);         // 3
        store.create("/x", b("x"), 0);             // 4
        assertEquals(3, store.compact(3));
        assertEquals(3, store.compactRevision());
        CompactedException e = assertThrows(CompactedException.class, () -> store.get("/k", 2));
        assertEquals(3, e.compactRevision());
        assertArrayEquals(b("v3"), store.get("/k", 3).orElseThrow().value(), "the compact revision itself stays");
        assertArrayEquals(b("v3"), store.get("/k").orElseThrow().value());
        assertThrows(CompactedException.class, () -> store.list("/", null, 0, 1));
    }
}
