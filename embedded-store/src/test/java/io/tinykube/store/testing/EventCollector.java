package io.tinykube.store.testing;

import io.tinykube.store.api.Event;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.api.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A watch listener that keeps everything it is given, and checks it is called by one thread at a time. */
public class EventCollector implements WatchListener {
    private final List<Event> events = new ArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    private volatile StoreException error;
    private volatile boolean overlapped;

    @Override
    public void onEvents(List<Event> batch) {
        if (inside.incrementAndGet() != 1) {
            overlapped = true;
        }
        synchronized (this) {
            events.addAll(batch);
        }
        inside.decrementAndGet();
    }

    @Override
    public void onError(StoreException e) {
        error = e;
    }

    public synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    public synchronized int size() {
        return events.size();
    }

    public StoreException error() {
        return error;
    }

    public boolean overlapped() {
        return overlapped;
    }
}
