package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** core/v1 and events.k8s.io/v1 Events are one set of objects: each is listed, described, selected and watched through both. */
class EventVersionsIT {

    private static Pod pod(KubernetesClient client, String ns) {
        return client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox:1").endContainer()
                .withNodeSelector(java.util.Map.of("none", "none")).endSpec().build()).create();
    }

    private static Event newEvent(KubernetesClient client, String ns, Pod pod, String name, String reason, String note) {
        return client.events().v1().events().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.events.v1.EventBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withEventTime(new MicroTime(Instant.now().toString().replace("Z", "").substring(0, 19) + ".000000Z"))
                .withReportingController("example.com/checker").withReportingInstance("checker-1").withAction("Check")
                .withReason(reason).withNote(note).withType("Warning")
                .withRegarding(new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod").withNamespace(ns).withName(pod.getMetadata().getName())
                        .withUid(pod.getMetadata().getUid()).build())
                .build()).create();
    }

    @Test
    void anEventsV1EventIsACoreEvent() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("ev-new");
        Pod pod = pod(client, ns);
        newEvent(client, ns, pod, "checked", "Checked", "the check failed");

        Distribution.Result get = SharedServer.kubectl("1.33", "get", "events", "-n", ns);
        assertTrue(get.stdout().matches("(?s).*Warning\\s+Checked\\s+pod/web\\s+the check failed.*"), get.output());
        Distribution.Result describe = SharedServer.kubectl("1.33", "describe", "pod", "web", "-n", ns);
        assertTrue(describe.stdout().matches("(?s).*Warning\\s+Checked\\s+.*example.com/checker\\s+the check failed.*"), describe.output());
        io.fabric8.kubernetes.api.model.Event core = client.v1().events().inNamespace(ns).withName("checked").get();
        assertEquals("the check failed", core.getMessage());
        assertEquals("web", core.getInvolvedObject().getName());
        assertEquals("example.com/checker", core.getReportingComponent());

        Distribution.Result selected = SharedServer.kubectl("1.33", "get", "events", "-n", ns, "--field-selector",
                "involvedObject.name=web,reason=Checked,type=Warning", "-o", "name");
        assertEquals("event/checked", selected.stdout().trim(), selected.output());
    }

    @Test
    void aCoreEventIsAnEventsV1Event() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("ev-core");
        Pod pod = pod(client, ns);
        client.v1().events().inNamespace(ns).resource(new EventBuilder().withNewMetadata().withName("pulled").endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod").withNamespace(ns).withName("web")
                        .withUid(pod.getMetadata().getUid()).build())
                .withReason("Pulled").withMessage("image pulled").withType("Normal").withCount(2)
                .withNewSource().withComponent("kubelet").endSource().build()).create();

        Distribution.Result get = SharedServer.kubectl("1.33", "get", "events.v1.events.k8s.io", "-n", ns);
        assertTrue(get.stdout().matches("(?s).*Normal\\s+Pulled\\s+pod/web\\s+image pulled.*"), get.output());
        List<Event> selected = client.events().v1().events().inNamespace(ns).withField("regarding.name", "web").withField("reason", "Pulled").list().getItems();
        assertEquals(1, selected.size());
        assertEquals("image pulled", selected.get(0).getNote());
        assertEquals(2, selected.get(0).getDeprecatedCount());
        assertEquals("kubelet", selected.get(0).getDeprecatedSource().getComponent());
        Distribution.Result none = SharedServer.kubectl("1.33", "get", "events.v1.events.k8s.io", "-n", ns, "--field-selector",
                "regarding.name=other", "-o", "name");
        assertEquals("", none.stdout().trim(), none.output());
    }

    @Test
    void eachGroupWatchesEventsWrittenThroughTheOther() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("ev-watch");
        Pod pod = pod(client, ns);
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        try (Watch core = client.v1().events().inNamespace(ns).watch(collect(seen));
             Watch grouped = client.events().v1().events().inNamespace(ns).watch(collect(seen))) {
            newEvent(client, ns, pod, "watched", "Watched", "seen twice");
            java.util.Set<String> texts = new java.util.TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (texts.size() < 2 && System.nanoTime() < deadline) {
                Object event = seen.poll(1, TimeUnit.SECONDS);
                if (event instanceof Event v1 && v1.getReason().equals("Watched")) {
                    texts.add("events:" + v1.getNote());
                } else if (event instanceof io.fabric8.kubernetes.api.model.Event v1 && v1.getReason().equals("Watched")) {
                    texts.add("core:" + v1.getMessage());
                }
            }
            assertEquals(java.util.Set.of("core:seen twice", "events:seen twice"), texts);
        }
    }

    @Test
    void eventsOfTheServersControllersAreReadThroughEventsV1() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("ev-sched");
        pod(client, ns);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Event> events = List.of();
        while (events.isEmpty() && System.nanoTime() < deadline) {
            events = client.events().v1().events().inNamespace(ns).withField("reason", "FailedScheduling").list().getItems();
            Thread.sleep(200);
        }
        // One event per distinct message: nodes other tests add meanwhile can change the reason, so maybe two.
        assertFalse(events.isEmpty(), "no FailedScheduling event through events.k8s.io/v1");
        for (Event event : events) {
            assertEquals("web", event.getRegarding().getName());
        }
    }

    private static <T> Watcher<T> collect(BlockingQueue<Object> seen) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T object) {
                seen.add(object);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }
}
