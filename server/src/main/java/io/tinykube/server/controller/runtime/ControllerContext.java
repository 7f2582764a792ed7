package io.tinykube.server.controller.runtime;

import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.ResourceRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

/** What every controller is given: the stores, the shared informers, threads, an event recorder, a clock. */
public final class ControllerContext {
    private final ResourceRegistry registry;
    private final Informers informers;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final String instance;
    private final List<ControllerRunner> runners = new CopyOnWriteArrayList<>();

    public ControllerContext(ResourceRegistry registry, Informers informers, ScheduledExecutorService executor, Clock clock,
                             String instance) {
        this.registry = registry;
        this.informers = informers;
        this.executor = executor;
        this.clock = clock;
        this.instance = instance;
    }

    public ResourceRegistry registry() {
        return registry;
    }

    public GenericStore store(String group, String version, String plural) {
        return registry.require(group, version, plural);
    }

    public Informers informers() {
        return informers;
    }

    public ScheduledExecutorService executor() {
        return executor;
    }

    public Clock clock() {
        return clock;
    }

    /** A recorder whose events name {@code component} as their source. */
    public EventRecorder events(String component) {
        return new EventRecorder(registry.require("", "v1", "events"), executor, clock, component, component + "-" + instance);
    }

    /** A work queue for {@code reconciler}, stopped with the others when this set of controllers stops. */
    public ControllerRunner runner(String name, Reconciler reconciler) {
        ControllerRunner runner = new ControllerRunner(name, reconciler, executor);
        runners.add(runner);
        return runner;
    }

    public List<ControllerRunner> runners() {
        return runners;
    }
}
