package io.tinykube.store.watch;

import io.tinykube.store.api.Event;
import java.util.List;

/** Reads the log's history as events. */
@FunctionalInterface
public interface EventSource {
    /**
     * Events with {@code after < revision <= upTo} on keys starting with {@code prefix}, in revision order,
     * at most {@code limit}.
     */
    List<Event> read(String prefix, long after, long upTo, int limit);
}
