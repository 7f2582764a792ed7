package io.tinykube.server.registry;

import io.tinykube.server.registry.conversion.Conversions;
import io.tinykube.server.registry.strategy.Strategies;
import io.tinykube.store.api.KvStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Every served resource with its store: the one lookup the REST layer, controllers and bootstrap use. */
@ApplicationScoped
public class ResourceRegistry {
    private final Map<String, GenericStore> stores = new HashMap<>();

    @Inject
    public ResourceRegistry(KvStore kv) {
        Clock clock = Clock.systemUTC();
        // one strategy per storage: the versions of a kind share its pools and rules
        Map<ResourceType, Strategy> strategies = new HashMap<>();
        for (ResourceType type : BuiltinResources.all()) {
            if (type.virtual()) {
                continue;
            }
            Conversion conversion = Conversions.forType(type).orElse(null);
            ResourceType storage = conversion == null ? type : storageOf(type, conversion.storageApiVersion());
            Strategy strategy = strategies.computeIfAbsent(storage, s -> Strategies.forType(s, kv));
            stores.put(key(type.group(), type.version(), type.plural()), new GenericStore(type, storage, conversion, strategy, kv, clock));
        }
    }

    private static ResourceType storageOf(ResourceType type, String storageApiVersion) {
        return BuiltinResources.all().stream()
                .filter(t -> t.kind().equals(type.kind()) && t.apiVersion().equals(storageApiVersion))
                .findFirst().orElseThrow(() -> new IllegalStateException(type.kind() + " is not served in " + storageApiVersion));
    }

    private static String key(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }

    /** The store of a resource, if it is served and stored (reviews and bindings are not). */
    public Optional<GenericStore> store(String group, String version, String plural) {
        return Optional.ofNullable(stores.get(key(group, version, plural)));
    }

    public GenericStore namespaces() {
        return stores.get(key("", "v1", "namespaces"));
    }

    public GenericStore require(String group, String version, String plural) {
        return store(group, version, plural).orElseThrow(() -> new IllegalArgumentException("not served: " + key(group, version, plural)));
    }
}
