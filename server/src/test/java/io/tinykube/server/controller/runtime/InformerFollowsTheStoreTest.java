package io.tinykube.server.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.ResourceRegistry;
import io.tinykube.store.KvStores;
import io.tinykube.store.api.KvStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An informer holds what the store holds, following creates, updates and deletes, with its indexes. */
class InformerFollowsTheStoreTest {
    @TempDir
    Path dir;
    private KvStore kv;
    private ScheduledExecutorService executor;
    private GenericStore configMaps;

    @BeforeEach
    void open() {
        kv = KvStores.open("h2:" + dir);
        executor = Executors.newScheduledThreadPool(2);
        configMaps = new ResourceRegistry(kv).require("", "v1", "configmaps");
    }

    @AfterEach
    void close() throws Exception {
        executor.shutdownNow();
        kv.close();
    }

    private ObjectNode configMap(String namespace, String name, String app) {
        ObjectNode object = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", name).put("namespace", namespace).putObject("labels").put("app", app);
        return configMaps.create(namespace, object, false);
    }

    @Test
    void listsExistingObjectsThenFollowsChanges() throws Exception {
        configMap("a", "one", "x");
        Informer informer = new Informer(configMaps, executor);
        informer.addIndexer("app", object -> List.of(Json.text(object, "metadata", "labels", "app")));
        informer.start();
        assertTrue(informer.get("a", "one").isPresent());

        configMap("b", "two", "x");
        await(() -> informer.get("b", "two").isPresent());
        assertEquals(2, informer.byIndex("app", "x").size());
        assertEquals(1, informer.list("b").size());

        configMaps.update("b", "two", object -> {
            Json.with(object, "metadata", "labels").put("app", "y");
            return object;
        }, Part.ALL, false);
        await(() -> informer.byIndex("app", "y").size() == 1);
        assertEquals(1, informer.byIndex("app", "x").size());

        configMaps.delete("a", "one", DeleteOptions.DEFAULT, false, null);
        await(() -> informer.get("a", "one").isEmpty());
        assertEquals(0, informer.byIndex("app", "x").size());
        informer.close();
    }

    @Test
    void cachedObjectsLeaveManagedFieldsOut() {
        ObjectNode object = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", "managed").put("namespace", "a").putArray("managedFields").addObject()
                .put("manager", "kubectl").put("operation", "Update");
        configMaps.create("a", object, false);
        Informer informer = new Informer(configMaps, executor);
        informer.start();
        ObjectNode cached = informer.get("a", "managed").orElseThrow();
        assertEquals(null, Json.at(cached, "metadata", "managedFields"));
        assertTrue(configMaps.get("a", "managed").path("metadata").has("managedFields"), "the store keeps them");
        informer.close();
    }

    @Test
    void handlersAddedLateHearOfEveryCachedObject() {
        configMap("a", "one", "x");
        configMap("a", "two", "x");
        Informer informer = new Informer(configMaps, executor);
        informer.start();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        informer.addHandler(new Informer.Handler() {
            @Override
            public void onAdd(ObjectNode object) {
                seen.add(Informer.key(object));
            }

            @Override
            public void onUpdate(ObjectNode old, ObjectNode current) {
            }

            @Override
            public void onDelete(ObjectNode last) {
            }
        });
        assertEquals(List.of("a/one", "a/two"), seen.stream().sorted().toList());
        informer.close();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
