package io.tinykube.server.controller.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.registry.FieldSelector;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.Objects;
import io.tinykube.store.api.Watch;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Runs a reconciler over one resource: watches it in-process (no HTTP), queues keys of the objects
 * that {@code interesting} accepts, never runs one key twice at once, retries failures with
 * exponential back-off, and resyncs everything periodically.
 */
public final class ControllerRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ControllerRunner.class);
    static final long INITIAL_BACKOFF_MS = 500;
    static final long MAX_BACKOFF_MS = 60_000;

    private final String name;
    private final GenericStore store;
    private final Predicate<ObjectNode> interesting;
    private final Reconciler reconciler;
    private final ScheduledExecutorService executor;
    private final Set<String> queued = new LinkedHashSet<>();
    private final Set<String> running = new LinkedHashSet<>();
    private final java.util.Map<String, Long> backoff = new java.util.HashMap<>();
    private Watch watch;

    public ControllerRunner(String name, GenericStore store, Predicate<ObjectNode> interesting, Reconciler reconciler,
                            ScheduledExecutorService executor) {
        this.name = name;
        this.store = store;
        this.interesting = interesting;
        this.reconciler = reconciler;
        this.executor = executor;
    }

    public void start(long resyncSeconds) {
        startWatch();
        executor.scheduleWithFixedDelay(this::resync, 0, resyncSeconds, TimeUnit.SECONDS);
    }

    private void startWatch() {
        long revision = store.currentRevision();
        watch = store.watch(null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, revision,
                events -> events.forEach(event -> offer(event.object())),
                error -> {
                    LOG.warnf("%s: watch ended (%s); resyncing", name, error.getMessage());
                    executor.execute(this::restartWatch);
                });
    }

    private void restartWatch() {
        if (watch != null) {
            watch.close();
        }
        startWatch();
        resync();
    }

    private void resync() {
        try {
            for (ObjectNode object : store.list(null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0).items()) {
                offer(object);
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s: resync failed: %s", name, e.getMessage());
        }
    }

    private void offer(ObjectNode object) {
        if (interesting.test(object)) {
            enqueue(key(Objects.namespace(object), Objects.name(object)), 0);
        }
    }

    private static String key(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }

    private void enqueue(String key, long delayMs) {
        synchronized (queued) {
            if (!queued.add(key)) {
                return;
            }
        }
        executor.schedule(() -> process(key), delayMs, TimeUnit.MILLISECONDS);
    }

    private void process(String key) {
        synchronized (queued) {
            if (running.contains(key)) {
                // the same key is being reconciled: run again right after it
                executor.schedule(() -> process(key), INITIAL_BACKOFF_MS, TimeUnit.MILLISECONDS);
                return;
            }
            queued.remove(key);
            running.add(key);
        }
        boolean done;
        try {
            int slash = key.indexOf('/');
            done = reconciler.reconcile(slash < 0 ? null : key.substring(0, slash), slash < 0 ? key : key.substring(slash + 1));
        } catch (RuntimeException e) {
            LOG.warnf("%s %s: %s", name, key, e.getMessage());
            done = false;
        } finally {
            synchronized (queued) {
                running.remove(key);
            }
        }
        if (done) {
            synchronized (queued) {
                backoff.remove(key);
            }
            return;
        }
        long delay;
        synchronized (queued) {
            delay = Math.min(backoff.getOrDefault(key, INITIAL_BACKOFF_MS / 2) * 2, MAX_BACKOFF_MS);
            backoff.put(key, delay);
        }
        enqueue(key, delay);
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
