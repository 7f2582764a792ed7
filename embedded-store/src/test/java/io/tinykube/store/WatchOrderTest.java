package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;

/** Many concurrent writers: every watcher sees every change of its prefix once, in revision order. */
class WatchOrderTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BackendTest
    void everyEventArrivesOnceAndInOrder(Backend backend) throws Exception {
        fixture = new StoreFixture(backend);
        // A tiny queue limit forces slow watchers to fall back to reading history from the database.
        KvStore store = fixture.open(o -> o.watchQueueLimit(16));
        EventCollector all = new EventCollector();
        EventCollector pods = new EventCollector();
        EventCollector slow = new EventCollector() {
            @Override
            public void onEvents(List<Event> batch) {
                try {
                    Thread.sleep(2); // a slow consumer, to make its queue overflow
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onEvents(batch);
            }
        };
        List<Watch> watches = List.of(store.watch("", 0, all), store.watch("/registry/pods/", 0, pods),
                store.watch("/registry/", 0, slow));

        int writers = 8;
        int perWriter = 60;
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                String kind = writer % 2 == 0 ? "pods" : "services";
                for (int i = 0; i < perWriter / 3; i++) {
                    String key = "/registry/" + kind + "/w" + writer + "/k" + i;
                    KeyValue c = store.create(key, b("c"), 0);
                    KeyValue u = store.update(key, b("u"), c.modRevision(), 0);
                    store.delete(key, u.modRevision());
                    acknowledged.add(c.modRevision());
                    acknowledged.add(u.modRevision());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        int total = writers * perWriter;
        assertEquals(total, store.currentRevision());

        Await.until(Duration.ofSeconds(30), () -> all.size() >= total && slow.size() >= total,
                () -> "all saw " + all.size() + ", slow saw " + slow.size() + " of " + total);
        Await.until(Duration.ofSeconds(30), () -> pods.size() >= total / 2, () -> "pods saw " + pods.size());
        watches.forEach(Watch::close);

        for (EventCollector c : List.of(all, slow)) {
            List<Event> events = c.events();
            assertEquals(total, events.size());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1, events.get(i).revision(), "revision order, no gaps, no repeats");
            }
            assertNull(c.error());
            assertFalse(c.overlapped(), "a listener is called by one thread at a time");
        }
        List<Event> podEvents = pods.events();
        assertEquals(total / 2, podEvents.size());
        Set<Long> seen = new HashSet<>();
        long last = 0;
        for (Event e : podEvents) {
            assertTrue(e.current().key().startsWith("/registry/pods/"));
            assertTrue(e.revision() > last);
            assertTrue(seen.add(e.revision()));
            last = e.revision();
        }
        for (long rev : acknowledged) {
            assertTrue(rev >= 1 && rev <= total);
        }
    }
}
