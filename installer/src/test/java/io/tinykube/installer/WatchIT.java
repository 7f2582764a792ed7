package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Watches deliver every change in order from the requested revision, through selectors, as informers expect. */
class WatchIT {

    private static ConfigMap configMap(String name, Map<String, String> labels, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().withData(Map.of("v", value)).build();
    }

    private record Seen(Watcher.Action action, String name, String value, String resourceVersion) {
    }

    private static Watcher<ConfigMap> collect(BlockingQueue<Seen> events) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(new Seen(action, resource.getMetadata().getName(),
                        resource.getData() == null ? null : resource.getData().get("v"), resource.getMetadata().getResourceVersion()));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }

    private static Seen next(BlockingQueue<Seen> events) throws InterruptedException {
        Seen seen = events.poll(20, TimeUnit.SECONDS);
        if (seen == null) {
            throw new AssertionError("no watch event within 20 s");
        }
        return seen;
    }

    @Test
    void watchFromARevisionSeesEveryLaterChangeInOrder() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("watch");
        // The label keeps out what controllers add to the namespace meanwhile (kube-root-ca.crt).
        Map<String, String> mine = Map.of("test", "order");
        ConfigMap first = client.configMaps().inNamespace(ns).resource(configMap("a", mine, "1")).create();
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        try (Watch watch = client.configMaps().inNamespace(ns).withLabel("test", "order")
                .withResourceVersion(first.getMetadata().getResourceVersion()).watch(collect(events))) {
            client.configMaps().inNamespace(ns).resource(configMap("a", mine, "2")).update();
            client.configMaps().inNamespace(ns).resource(configMap("b", mine, "1")).create();
            client.configMaps().inNamespace(ns).withName("a").delete();
            List<Seen> seen = List.of(next(events), next(events), next(events));
            assertEquals(Watcher.Action.MODIFIED, seen.get(0).action());
            assertEquals("2", seen.get(0).value());
            assertEquals(Watcher.Action.ADDED, seen.get(1).action());
            assertEquals("b", seen.get(1).name());
            assertEquals(Watcher.Action.DELETED, seen.get(2).action());
            assertEquals("a", seen.get(2).name());
            assertTrue(Long.parseLong(seen.get(0).resourceVersion()) < Long.parseLong(seen.get(1).resourceVersion()));
            assertTrue(Long.parseLong(seen.get(1).resourceVersion()) < Long.parseLong(seen.get(2).resourceVersion()));
        }
    }

    @Test
    void labelSelectorTurnsLeavingIntoDeletedAndEnteringIntoAdded() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("watchsel");
        ConfigMap start = client.configMaps().inNamespace(ns).resource(configMap("c", Map.of("tier", "web"), "1")).create();
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        try (Watch watch = client.configMaps().inNamespace(ns).withLabel("tier", "web")
                .withResourceVersion(start.getMetadata().getResourceVersion()).watch(collect(events))) {
            client.configMaps().inNamespace(ns).resource(configMap("c", Map.of("tier", "db"), "2")).update();
            assertEquals(Watcher.Action.DELETED, next(events).action());
            client.configMaps().inNamespace(ns).resource(configMap("c", Map.of("tier", "web"), "3")).update();
            Seen back = next(events);
            assertEquals(Watcher.Action.ADDED, back.action());
            assertEquals("3", back.value());
        }
    }

    @Test
    void watchWithoutRevisionStartsWithTheCurrentState() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("watchinit");
        client.configMaps().inNamespace(ns).resource(configMap("existing", Map.of("pick", "me"), "1")).create();
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        try (Watch watch = client.configMaps().inNamespace(ns).withLabel("pick").withResourceVersion("0").watch(collect(events))) {
            Seen initial = next(events);
            assertEquals(Watcher.Action.ADDED, initial.action());
            assertEquals("existing", initial.name());
        }
    }

    @Test
    void kubectlWaitSeesAConditionArriveThroughTheWatch() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("wait");
        client.configMaps().inNamespace(ns).resource(configMap("gone", Map.of(), "1")).create();
        Thread deleter = new Thread(() -> client.configMaps().inNamespace(ns).withName("gone").delete());
        deleter.start();
        Distribution.Result waited = SharedServer.kubectl("1.33", "wait", "--for=delete", "configmap/gone", "-n", ns, "--timeout=30s");
        deleter.join();
        assertEquals(0, waited.exitCode(), waited.output());
    }
}
