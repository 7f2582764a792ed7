package io.tinykube.server.registry;

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
        for (ResourceType type : BuiltinResources.all()) {
            if (!type.virtual()) {
                stores.put(key(type.group(), type.version(), type.plural()), new GenericStore(type, Strategies.forType(type, kv), kv, clock));
            }
        }
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
