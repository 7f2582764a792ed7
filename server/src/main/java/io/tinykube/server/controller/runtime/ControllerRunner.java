package io.tinykube.server.controller.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The work queue of one controller: keys in, at most one reconcile per key at a time (a key queued
 * while it runs runs again right after), failures retried with per-key exponential back-off, and
 * delayed looks for time-based work (minReadySeconds, deadlines, schedules).
 */
public final class ControllerRunner {
    private static final Logger LOG = Logger.getLogger(ControllerRunner.class);
    static final long INITIAL_BACKOFF_MS = 250;
    static final long MAX_BACKOFF_MS = 60_000;

    private final String name;
    private final Reconciler reconciler;
    private final ScheduledExecutorService executor;
    private final Object lock = new Object();
    /** Queued keys and when they are due. */
    private final Map<String, Long> due = new HashMap<>();
    private final Set<String> running = new HashSet<>();
    /** Keys that came due while running: run again when the current run ends. */
    private final Set<String> rerun = new HashSet<>();
    private final Map<String, Long> backoff = new HashMap<>();
    private volatile boolean stopped;

    public ControllerRunner(String name, Reconciler reconciler, ScheduledExecutorService executor) {
        this.name = name;
        this.reconciler = reconciler;
        this.executor = executor;
    }

    /** Queues the key of every change of {@code informer}'s objects that {@code interesting} accepts. */
    public ControllerRunner watch(Informer informer, Predicate<ObjectNode> interesting) {
        return watchMapped(informer, object -> interesting.test(object) ? List.of(Informer.key(object)) : List.of());
    }

    /** Queues the keys {@code keys} maps each changed object to (old and new state on updates). */
    public ControllerRunner watchMapped(Informer informer, Function<ObjectNode, Collection<String>> keys) {
        informer.addHandler(new Informer.Handler() {
            @Override
            public void onAdd(ObjectNode object) {
                keys.apply(object).forEach(ControllerRunner.this::enqueue);
            }

            @Override
            public void onUpdate(ObjectNode old, ObjectNode current) {
                Set<String> all = new HashSet<>(keys.apply(old));
                all.addAll(keys.apply(current));
                all.forEach(ControllerRunner.this::enqueue);
            }

            @Override
            public void onDelete(ObjectNode last) {
                keys.apply(last).forEach(ControllerRunner.this::enqueue);
            }
        });
        return this;
    }

    /** Looks at every object of {@code informer} again every {@code seconds}: level-based safety net. */
    public ControllerRunner resync(Informer informer, long seconds) {
        executor.scheduleWithFixedDelay(() -> {
            if (!stopped) {
                informer.list().forEach(object -> enqueue(Informer.key(object)));
            }
        }, seconds, seconds, TimeUnit.SECONDS);
        return this;
    }

    public void enqueue(String key) {
        enqueueAfter(key, 0);
    }

    public void enqueueAfter(String key, long delayMs) {
        if (stopped) {
            return;
        }
        long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        synchronized (lock) {
            Long existing = due.get(key);
            if (existing != null && existing - at <= 0) {
                return;
            }
            due.put(key, at);
        }
        executor.schedule(() -> fire(key, at), delayMs, TimeUnit.MILLISECONDS);
    }

    private void fire(String key, long at) {
        synchronized (lock) {
            Long current = due.get(key);
            if (current == null || current != at) {
                return; // superseded by an earlier schedule
            }
            if (running.contains(key)) {
                rerun.add(key);
                return;
            }
            due.remove(key);
            running.add(key);
        }
        Result result;
        try {
            int slash = key.indexOf('/');
            result = stopped ? Result.DONE
                    : reconciler.reconcile(slash < 0 ? null : key.substring(0, slash), slash < 0 ? key : key.substring(slash + 1));
        } catch (RuntimeException e) {
            LOG.warnf("%s %s: %s", name, key, e.toString());
            result = Result.RETRY;
        }
        long delay = -1;
        synchronized (lock) {
            running.remove(key);
            if (rerun.remove(key) && due.containsKey(key)) {
                long pending = due.get(key);
                executor.execute(() -> fire(key, pending));
            }
            switch (result.kind()) {
                case DONE -> backoff.remove(key);
                case AFTER -> {
                    backoff.remove(key);
                    delay = result.after().toMillis();
                }
                case RETRY -> {
                    delay = Math.min(backoff.getOrDefault(key, INITIAL_BACKOFF_MS / 2) * 2, MAX_BACKOFF_MS);
                    backoff.put(key, delay);
                }
            }
        }
        if (delay >= 0) {
            enqueueAfter(key, delay);
        }
    }

    /** Whether nothing is queued or running: for tests and orderly shutdown. */
    public boolean idle() {
        synchronized (lock) {
            return due.isEmpty() && running.isEmpty();
        }
    }

    public String name() {
        return name;
    }

    public void stop() {
        stopped = true;
    }
}
