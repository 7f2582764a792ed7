package io.tinykube.store.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tinykube.store.api.Event;
import io.tinykube.store.api.KeyValue;
import io.tinykube.store.testing.Await;
import io.tinykube.store.testing.EventCollector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poller does not read past a missing revision until it appears, is compacted, or times out. */
class PollerGapTest {
    private final List<Event> log = new CopyOnWriteArrayList<>();
    private final AtomicLong compact = new AtomicLong();
    private Broadcaster broadcaster;
    private LogPoller poller;

    private static Event event(long revision) {
        return new Event(Event.Type.CREATE, new KeyValue("/k" + revision, new byte[0], revision, revision, 0), null);
    }

    private List<Event> read(String prefix, long after, long upTo, int limit) {
        List<Event> out = new ArrayList<>();
        log.stream().filter(e -> e.revision() > after && e.revision() <= upTo)
                .sorted((a, b) -> Long.compare(a.revision(), b.revision())).limit(limit).forEach(out::add);
        return out;
    }

    private EventCollector start(long gapTimeoutMillis) {
        broadcaster = new Broadcaster(this::read, compact::get, 100, 0);
        poller = new LogPoller(this::read, broadcaster, compact::get, 20, gapTimeoutMillis);
        poller.start();
        EventCollector c = new EventCollector();
        broadcaster.subscribe("", 0, c);
        return c;
    }

    @AfterEach
    void stop() {
        poller.close();
        broadcaster.close();
    }

    private static List<Long> revisions(EventCollector c) {
        return c.events().stream().map(Event::revision).toList();
    }

    @Test
    void waitsForARevisionThatCommitsLate() {
        EventCollector c = start(60_000);
        log.addAll(List.of(event(1), event(2), event(4)));
        Await.until(Duration.ofSeconds(5), () -> broadcaster.position() == 2, "revisions 1 and 2");
        log.add(event(3)); // the slow transaction commits
        Await.until(Duration.ofSeconds(5), () -> c.size() == 4, () -> "saw " + revisions(c));
        assertEquals(List.of(1L, 2L, 3L, 4L), revisions(c));
    }

    @Test
    void treatsARevisionAsGoneAfterTheTimeout() {
        EventCollector c = start(300);
        log.addAll(List.of(event(1), event(3), event(4)));
        Await.until(Duration.ofSeconds(5), () -> c.size() == 3, () -> "saw " + revisions(c));
        assertEquals(List.of(1L, 3L, 4L), revisions(c));
    }

    @Test
    void skipsCompactedRevisionsAtOnce() {
        compact.set(5);
        EventCollector c = start(60_000);
        log.addAll(List.of(event(1), event(6), event(7)));
        Await.until(Duration.ofSeconds(5), () -> c.size() == 3, () -> "saw " + revisions(c));
        assertEquals(List.of(1L, 6L, 7L), revisions(c));
    }
}
