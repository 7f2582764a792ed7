package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tinykube.store.api.CompactedException;
import io.tinykube.store.api.Event;
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

/** Watches that resume from a revision, carry previous values, and refuse compacted history. */
class WatchHistoryTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BackendTest
    void resumesFromARevisionThenFollowsLiveChanges(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        for (int i = 1; i <= 10; i++) {
            store.create("/k" + i, b("v" + i), 0);
        }
        EventCollector c = new EventCollector();
        try (Watch w = store.watch("/", 6, c)) {
            store.create("/k11", b("v11"), 0);
            Await.until(Duration.ofSeconds(10), () -> c.size() >= 5, () -> "saw " + c.size());
            List<Event> events = c.events();
            assertEquals(List.of(7L, 8L, 9L, 10L, 11L), events.stream().map(Event::revision).toList());
            assertEquals("/k7", events.get(0).current().key());
        }
        EventCollector fromNow = new EventCollector();
        try (Watch w = store.watch("/", store.currentRevision(), fromNow)) {
            store.create("/k12", b("v12"), 0);
            Await.until(Duration.ofSeconds(10), () -> fromNow.size() >= 1, "live event");
            assertEquals(12, fromNow.events().get(0).revision());
            assertEquals(1, fromNow.size());
        }
    }

    @BackendTest
    void eventsCarryPreviousValues(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        EventCollector c = new EventCollector();
        try (Watch w = store.watch("/cm/", 0, c)) {
            store.create("/cm/a", b("one"), 0);         // 1
            store.update("/cm/a", b("two"), 1, 30);     // 2
            store.delete("/cm/a", 2);                   // 3
            store.create("/cm/a", b("three"), 0);       // 4
            Await.until(Duration.ofSeconds(10), () -> c.size() >= 4, () -> "saw " + c.size());
        }
        List<Event> e = c.events();
        assertEquals(Event.Type.CREATE, e.get(0).type());
        assertNull(e.get(0).previous());
        assertArrayEquals(b("one"), e.get(0).current().value());

        assertEquals(Event.Type.UPDATE, e.get(1).type());
        assertArrayEquals(b("two"), e.get(1).current().value());
        assertEquals(30, e.get(1).current().lease());
        assertArrayEquals(b("one"), e.get(1).previous().value());
        assertEquals(1, e.get(1).previous().modRevision());

        assertEquals(Event.Type.DELETE, e.get(2).type());
        assertEquals(3, e.get(2).current().modRevision());
        assertEquals("/cm/a", e.get(2).current().key());
        assertArrayEquals(b("two"), e.get(2).current().value(), "a delete carries the last value");
        assertArrayEquals(b("two"), e.get(2).previous().value());
        assertEquals(2, e.get(2).previous().modRevision());

        assertEquals(Event.Type.CREATE, e.get(3).type());
        assertEquals(4, e.get(3).current().createRevision());
        assertNull(e.get(3).previous());
    }

    @BackendTest
    void aCompactedStartRevisionIsRefused(Backend backend) {
        fixture = new StoreFixture(backend);
        KvStore store = fixture.open();
        store.create("/a", b("1"), 0);
        store.update("/a", b("2"), 1, 0);
        store.update("/a", b("3"), 2, 0);
        store.create("/b", b("1"), 0);
        store.compact(3);
        CompactedException e = assertThrows(CompactedException.class,
                () -> store.watch("/", 1, new EventCollector()));
        assertEquals(3, e.compactRevision());
        EventCollector c = new EventCollector();
        try (Watch w = store.watch("/", 3, c)) {
            Await.until(Duration.ofSeconds(10), () -> c.size() >= 1, "event after the compact revision");
            assertEquals(4, c.events().get(0).revision());
        }
    }
}
