package io.tinykube.store.api;

import java.util.List;

/** Receives a watch's events in revision order, each exactly once, on one thread at a time. */
public interface WatchListener {
    /** Events in increasing revision order. */
    void onEvents(List<Event> events);

    /** The watch ended: {@link CompactedException} when its start revision is gone, or a backend failure. */
    void onError(StoreException error);
}
