package io.tinykube.server.controller.runtime;

import io.tinykube.server.registry.ResourceRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/** One shared informer per resource, created and filled on first use. */
public final class Informers implements AutoCloseable {
    private final ResourceRegistry registry;
    private final ScheduledExecutorService executor;
    private final Map<String, Informer> informers = new ConcurrentHashMap<>();

    public Informers(ResourceRegistry registry, ScheduledExecutorService executor) {
        this.registry = registry;
        this.executor = executor;
    }

    public Informer get(String group, String version, String plural) {
        Informer informer = informers.computeIfAbsent(group + "/" + version + "/" + plural,
                key -> new Informer(registry.require(group, version, plural), executor));
        informer.start();
        return informer;
    }

    public Informer pods() {
        return get("", "v1", "pods");
    }

    public Informer nodes() {
        return get("", "v1", "nodes");
    }

    public Informer namespaces() {
        return get("", "v1", "namespaces");
    }

    @Override
    public void close() {
        informers.values().forEach(Informer::close);
    }
}
