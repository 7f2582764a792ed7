package io.tinykube.server.controller.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.registry.FieldSelector;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.WatchEvent;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.Objects;
import io.tinykube.store.api.Watch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * An in-process list-and-watch cache of one resource (no HTTP), with indexes. Only the resources
 * controllers read are cached, so the heap holds those and nothing else of the store. Handlers run on
 * the watch thread and must only enqueue; cached objects are shared and must not be modified. They are
 * kept without {@code metadata.managedFields}.
 */
public final class Informer {
    private static final Logger LOG = Logger.getLogger(Informer.class);
    public static final String BY_NAMESPACE = "namespace";

    /** Receives changes; each call must be quick (enqueue keys, nothing more). */
    public interface Handler {
        void onAdd(ObjectNode object);

        void onUpdate(ObjectNode old, ObjectNode current);

        void onDelete(ObjectNode last);
    }

    private final GenericStore store;
    private final ScheduledExecutorService executor;
    private final Map<String, ObjectNode> cache = new ConcurrentHashMap<>();
    private final Map<String, Function<ObjectNode, Collection<String>>> indexers = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> indices = new ConcurrentHashMap<>();
    private final List<Handler> handlers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile boolean started;
    private Watch watch;
    private boolean closed;

    public Informer(GenericStore store, ScheduledExecutorService executor) {
        this.store = store;
        this.executor = executor;
        if (store.type().namespaced()) {
            addIndexer(BY_NAMESPACE, object -> List.of(Objects.namespace(object)));
        }
    }

    public GenericStore store() {
        return store;
    }

    /** Adds an index; objects already cached are indexed at once. */
    public void addIndexer(String name, Function<ObjectNode, Collection<String>> indexer) {
        synchronized (lock) {
            if (indexers.putIfAbsent(name, indexer) != null) {
                return;
            }
            Map<String, Set<String>> index = new ConcurrentHashMap<>();
            indices.put(name, index);
            cache.forEach((key, object) -> addToIndex(index, indexer, key, object));
        }
    }

    /** Adds a handler; when the informer runs already, it is told of every cached object as an add. */
    public void addHandler(Handler handler) {
        synchronized (lock) {
            handlers.add(handler);
            cache.values().forEach(handler::onAdd);
        }
    }

    /** Lists everything, then watches from the list's revision; returns once the cache is filled. */
    public void start() {
        synchronized (lock) {
            if (started) {
                return;
            }
            relistAndWatch();
            started = true;
        }
    }

    public static String key(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }

    public static String key(ObjectNode object) {
        return key(Objects.namespace(object), Objects.name(object));
    }

    public Optional<ObjectNode> get(String namespace, String name) {
        return Optional.ofNullable(cache.get(key(namespace, name)));
    }

    public List<ObjectNode> list() {
        return new ArrayList<>(cache.values());
    }

    public List<ObjectNode> list(String namespace) {
        return namespace == null ? list() : byIndex(BY_NAMESPACE, namespace);
    }

    public int size() {
        return cache.size();
    }

    public List<ObjectNode> byIndex(String indexName, String value) {
        Map<String, Set<String>> index = indices.get(indexName);
        if (index == null) {
            throw new IllegalArgumentException("no index " + indexName);
        }
        Set<String> keys = index.get(value);
        if (keys == null) {
            return List.of();
        }
        List<ObjectNode> objects = new ArrayList<>(keys.size());
        synchronized (keys) {
            for (String key : keys) {
                ObjectNode object = cache.get(key);
                if (object != null) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    private void relistAndWatch() {
        if (watch != null) {
            watch.close();
        }
        Set<String> seen = new HashSet<>();
        long revision = store.stream(null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0, object -> {
            seen.add(key(object));
            apply(object);
        }).revision();
        for (String key : new ArrayList<>(cache.keySet())) {
            if (!seen.contains(key)) {
                remove(key);
            }
        }
        watch = store.watch(null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, revision, this::onEvents, this::onError);
    }

    private void onEvents(List<WatchEvent> events) {
        synchronized (lock) {
            for (WatchEvent event : events) {
                if (event.type().equals("DELETED")) {
                    remove(key(event.object()));
                } else {
                    apply(event.object());
                }
            }
        }
    }

    private void onError(ApiException error) {
        LOG.warnf("%s informer: watch ended (%s); listing again", store.type().plural(), error.getMessage());
        executor.execute(this::relistAfterError);
    }

    private void relistAfterError() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                relistAndWatch();
            } catch (RuntimeException e) {
                LOG.warnf("%s informer: list failed (%s); retrying", store.type().plural(), e.getMessage());
                executor.schedule(this::relistAfterError, 1, TimeUnit.SECONDS);
            }
        }
    }

    private void apply(ObjectNode object) {
        // No controller reads managedFields, and on pods written by kubelets they are a large part of the object.
        Objects.metadata(object).remove("managedFields");
        String key = key(object);
        ObjectNode old = cache.put(key, object);
        if (old != null) {
            removeFromIndices(key, old);
        }
        indexers.forEach((name, indexer) -> addToIndex(indices.get(name), indexer, key, object));
        for (Handler handler : handlers) {
            if (old == null) {
                handler.onAdd(object);
            } else if (!old.path("metadata").path("resourceVersion").equals(object.path("metadata").path("resourceVersion"))) {
                handler.onUpdate(old, object);
            }
        }
    }

    private void remove(String key) {
        ObjectNode old = cache.remove(key);
        if (old == null) {
            return;
        }
        removeFromIndices(key, old);
        for (Handler handler : handlers) {
            handler.onDelete(old);
        }
    }

    private static void addToIndex(Map<String, Set<String>> index, Function<ObjectNode, Collection<String>> indexer, String key, ObjectNode object) {
        for (String value : indexer.apply(object)) {
            if (value != null) {
                Set<String> keys = index.computeIfAbsent(value, v -> new HashSet<>());
                synchronized (keys) {
                    keys.add(key);
                }
            }
        }
    }

    private void removeFromIndices(String key, ObjectNode old) {
        indexers.forEach((name, indexer) -> {
            Map<String, Set<String>> index = indices.get(name);
            for (String value : indexer.apply(old)) {
                Set<String> keys = value == null ? null : index.get(value);
                if (keys != null) {
                    synchronized (keys) {
                        keys.remove(key);
                        if (keys.isEmpty()) {
                            index.remove(value);
                        }
                    }
                }
            }
        });
    }

    void close() {
        synchronized (lock) {
            closed = true;
            if (watch != null) {
                watch.close();
            }
        }
    }
}
