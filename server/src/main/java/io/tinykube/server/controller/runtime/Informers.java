package io.tinykube.server.controller.runtime;

import io.tinykube.server.json.Json;
import io.tinykube.server.registry.ResourceRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/** One shared informer per resource, created and filled on first use. */
public final class Informers implements AutoCloseable {
    public static final String PODS_BY_NODE = "nodeName";
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

    /** Pods, indexed by the node they are bound to ({@link #PODS_BY_NODE}). */
    public Informer pods() {
        Informer pods = get("", "v1", "pods");
        pods.addIndexer(PODS_BY_NODE, pod -> {
            String node = Json.text(pod, "spec", "nodeName");
            return node == null ? List.of() : List.of(node);
        });
        return pods;
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
