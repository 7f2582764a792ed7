package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.BackendTest;
import io.tinykube.store.testing.StoreFixture;
import org.junit.jupiter.api.AfterEach;

/** Keys and values over the limits are refused before the database is touched; the store goes on working. */
class SizeLimitsTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BackendTest
    void oversizedKeysAndValuesAreRefused(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open(o -> o.maxValueSize(64 * 1024));
        String longKey = "/registry/" + "k".repeat(2048);
        StoreException key = assertThrows(StoreException.class, () -> store.create(longKey, b("v"), 0));
        assertTrue(key.getMessage().contains("over the limit of 2048 bytes"), key.getMessage());
        String wideKey = "/registry/" + "\u00e9".repeat(1020); // 2040 bytes in UTF-8, 1030 chars
        assertThrows(StoreException.class, () -> store.create(wideKey, b("v"), 0));

        byte[] big = new byte[64 * 1024 + 1];
        StoreException value = assertThrows(StoreException.class, () -> store.create("/big", big, 0));
        assertTrue(value.getMessage().contains("over the limit of 65536 bytes"), value.getMessage());
        KeyValue small = store.create("/small", b("v"), 0);
        assertThrows(StoreException.class, () -> store.update("/small", big, small.modRevision(), 0));
        assertThrows(StoreException.class, () -> store.create("", b("v"), 0));
        assertEquals(1, store.currentRevision(), "nothing refused reached the database");

        byte[] atLimit = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(atLimit);
        String keyAtLimit = "/" + "k".repeat(2047);
        store.create(keyAtLimit, atLimit, 0);
        assertArrayEquals(atLimit, store.get(keyAtLimit).orElseThrow().value());
        store.update("/small", b("v2"), small.modRevision(), 0);
        assertArrayEquals(b("v2"), store.get("/small").orElseThrow().value());
    }

    @BackendTest
    void theDefaultLimitAcceptsThreeMebibyteObjects(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        byte[] value = new byte[3 << 20];
        new java.util.Random(2).nextBytes(value);
        store.create("/registry/configmaps/default/huge", value, 0);
        assertArrayEquals(value, store.get("/registry/configmaps/default/huge").orElseThrow().value());
        assertThrows(StoreException.class, () -> store.create("/too-big", new byte[(4 << 20) + 1], 0));
    }
}
