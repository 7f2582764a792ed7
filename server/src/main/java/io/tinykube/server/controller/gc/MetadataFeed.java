package io.tinykube.server.controller.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.FieldSelector;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.WatchEvent;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.store.api.Watch;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * List and watch of one resource that hands every object to a handler and keeps none: what the
 * collector needs of the resources no controller caches (config maps, secrets, roles...), whose
 * full copies would only cost heap. After a relist, {@code relisted} gets the uids that exist.
 * It follows for the life of the process: the runtime has no stop hook for controllers yet.
 */
final class MetadataFeed {
    private static final Logger LOG = Logger.getLogger(MetadataFeed.class);

    private final GenericStore store;
    private final Informer.Handler handler;
    private final Consumer<Set<String>> relisted;
    private final ScheduledExecutorService executor;
    private final Object lock = new Object();
    private Watch watch;
    private boolean closed;

    MetadataFeed(GenericStore store, Informer.Handler handler, Consumer<Set<String>> relisted, ScheduledExecutorService executor) {
        this.store = store;
        this.handler = handler;
        this.relisted = relisted;
        this.executor = executor;
    }

    void start() {
        synchronized (lock) {
            listAndWatch();
        }
    }

    private void listAndWatch() {
        if (watch != null) {
            watch.close();
        }
        Set<String> seen = new HashSet<>();
        long revision = store.stream(null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0, object -> {
            seen.add(Json.text(object, "metadata", "uid"));
            handler.onAdd(object);
        }).revision();
        relisted.accept(seen);
        watch = store.watch(null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, revision, this::onEvents, this::onError);
    }

    void close() {
        synchronized (lock) {
            closed = true;
            if (watch != null) {
                watch.close();
            }
        }
    }

    private void onEvents(List<WatchEvent> events) {
        for (WatchEvent event : events) {
            ObjectNode object = event.object();
            if (event.type().equals("DELETED")) {
                handler.onDelete(object);
            } else {
                handler.onAdd(object);
            }
        }
    }

    private void onError(ApiException error) {
        LOG.debugf("%s feed: watch ended (%s); listing again", store.type().plural(), error.getMessage());
        executor.execute(this::relistAfterError);
    }

    private void relistAfterError() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                listAndWatch();
            } catch (RuntimeException e) {
                executor.schedule(this::relistAfterError, 1, TimeUnit.SECONDS);
            }
        }
    }
}
