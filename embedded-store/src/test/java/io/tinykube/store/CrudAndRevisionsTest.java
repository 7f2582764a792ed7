package io.tinykube.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.BackendTest;
import io.tinykube.store.testing.StoreFixture;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;

/** Create, read, update and delete, and how revisions move. */
class CrudAndRevisionsTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @BackendTest
    void crudMovesOneRevisionCounter(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        assertEquals(0, store.currentRevision());
        assertTrue(store.get("/registry/pods/default/a").isEmpty());

        KeyValue a1 = store.create("/registry/pods/default/a", b("a1"), 0);
        assertEquals(1, a1.modRevision());
        assertEquals(1, a1.createRevision());
        KeyValue b1 = store.create("/registry/pods/default/b", b("b1"), 0);
        assertEquals(2, b1.modRevision());
        assertEquals(2, store.currentRevision());

        KeyValue a2 = store.update("/registry/pods/default/a", b("a2"), a1.modRevision(), 0);
        assertEquals(3, a2.modRevision());
        assertEquals(1, a2.createRevision());
        KeyValue got = store.get("/registry/pods/default/a").orElseThrow();
        assertArrayEquals(b("a2"), got.value());
        assertEquals(3, got.modRevision());
        assertEquals(1, got.createRevision());

        KeyValue a3 = store.update("/registry/pods/default/a", b("a3"), 0, 0); // 0: any revision
        assertEquals(4, a3.modRevision());

        KeyValue deleted = store.delete("/registry/pods/default/a", 4);
        assertEquals(4, deleted.modRevision(), "delete returns the version it deleted");
        assertArrayEquals(b("a3"), deleted.value());
        assertEquals(5, store.currentRevision());
        assertTrue(store.get("/registry/pods/default/a").isEmpty());
        assertEquals(1, store.count("/registry/pods/"));

        KeyValue again = store.create("/registry/pods/default/a", b("new"), 0);
        assertEquals(6, again.modRevision());
        assertEquals(6, again.createRevision(), "a re-created key has a new create revision");
        assertEquals(2, store.count("/registry/pods/"));
    }

    @BackendTest
    void valuesRoundTripWhateverTheirSizeAndContent(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        byte[] empty = new byte[0];
        byte[] json = b("{\"kind\":\"ConfigMap\",\"data\":{\"k\":\"" + "v".repeat(5000) + "\"}}");
        byte[] random = new byte[300_000];
        new java.util.Random(7).nextBytes(random);
        store.create("/e", empty, 0);
        store.create("/j", json, 0);
        store.create("/r", random, 0);
        assertArrayEquals(empty, store.get("/e").orElseThrow().value());
        assertArrayEquals(json, store.get("/j").orElseThrow().value());
        assertArrayEquals(random, store.get("/r").orElseThrow().value());
        assertArrayEquals(json, store.list("/j", null, 0, 0).items().get(0).value());
    }

    @BackendTest
    void dataSurvivesReopening(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        store.create("/k1", b("v1"), 0);
        KeyValue k2 = store.create("/k2", b("v2"), 0);
        store.update("/k2", b("v2b"), k2.modRevision(), 0);
        store.close();
        KvStore reopened = fixture.open();
        assertEquals(3, reopened.currentRevision());
        assertArrayEquals(b("v2b"), reopened.get("/k2").orElseThrow().value());
        assertEquals(4, reopened.create("/k3", b("v3"), 0).modRevision());
        assertFalse(reopened.get("/missing").isPresent());
    }
}
