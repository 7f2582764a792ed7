package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.Event;
import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.Watch;
import io.tinykube.store.testing.Await;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.BackendTest;
import io.tinykube.store.testing.EventCollector;
import io.tinykube.store.testing.StoreFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Keys written with a TTL are deleted by the store when it runs out, as a normal delete. */
class TtlExpiryTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BackendTest
    void anExpiredKeyIsDeletedWithADeleteEvent(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        EventCollector c = new EventCollector();
        try (Watch w = store.watch("/registry/events/", 0, c)) {
            KeyValue event = store.create("/registry/events/default/e1", b("{\"reason\":\"Pulled\"}"), 1);
            store.create("/registry/events/default/forever", b("{}"), 0);
            Await.until(Duration.ofSeconds(15), () -> store.get("/registry/events/default/e1").isEmpty(),
                    "the key expires");
            Await.until(Duration.ofSeconds(10), () -> c.size() >= 3, () -> "saw " + c.size());
            Event delete = c.events().get(2);
            assertEquals(Event.Type.DELETE, delete.type());
            assertEquals("/registry/events/default/e1", delete.current().key());
            assertEquals(event.modRevision(), delete.previous().modRevision());
            assertTrue(store.get("/registry/events/default/forever").isPresent());
        }
    }

    @BackendTest
    void anUpdateWithoutTtlCancelsTheExpiry(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        KeyValue kept = store.create("/lease/kept", b("v"), 1);
        store.update("/lease/kept", b("v2"), kept.modRevision(), 0);
        store.create("/lease/marker", b("m"), 1); // expires no earlier than the first key would have
        Await.until(Duration.ofSeconds(15), () -> store.get("/lease/marker").isEmpty(), "the marker expires");
        assertTrue(store.get("/lease/kept").isPresent(), "the key lost its TTL when updated without one");
    }

    @BackendTest
    void expiryTimesSurviveARestart(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        store.create("/lease/short", b("v"), 1);
        store.close();
        KvStore reopened = fixture.open();
        EventCollector c = new EventCollector();
        try (Watch w = reopened.watch("/lease/", reopened.currentRevision(), c)) {
            Await.until(Duration.ofSeconds(15), () -> c.size() >= 1, "the key expires after the restart");
            List<Event> events = c.events();
            assertEquals(Event.Type.DELETE, events.get(0).type());
        }
    }
}
