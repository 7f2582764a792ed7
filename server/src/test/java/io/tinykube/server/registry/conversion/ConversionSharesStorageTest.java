package io.tinykube.server.registry.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.FieldSelector;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.GenericStore.WatchEvent;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.ResourceRegistry;
import io.tinykube.store.KvStores;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.Watch;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The versions of a kind are one set of objects: what is written through one version is read, selected
 * and watched through the other, each in its own shape.
 */
class ConversionSharesStorageTest {
    @TempDir
    Path dir;
    private KvStore kv;
    private ResourceRegistry registry;

    @BeforeEach
    void open() {
        kv = KvStores.open("h2:" + dir);
        registry = new ResourceRegistry(kv);
    }

    @AfterEach
    void close() throws Exception {
        kv.close();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private GenericStore coreEvents() {
        return registry.require("", "v1", "events");
    }

    private GenericStore events() {
        return registry.require("events.k8s.io", "v1", "events");
    }

    @Test
    void anEventWrittenThroughEitherGroupIsListedThroughBoth() {
        events().create("default", json("{'apiVersion':'events.k8s.io/v1','kind':'Event','metadata':{'name':'new'},"
                + "'eventTime':'2025-01-01T00:00:00.000000Z','reportingController':'ctl','reportingInstance':'ctl-1','action':'Do',"
                + "'reason':'Done','regarding':{'kind':'Pod','name':'web'},'note':'done','type':'Normal'}"), false);
        coreEvents().create("default", json("{'apiVersion':'v1','kind':'Event','metadata':{'name':'old'},"
                + "'involvedObject':{'kind':'Pod','name':'db'},'reason':'Pulled','message':'pulled','type':'Normal'}"), false);

        List<ObjectNode> core = coreEvents().list("default", LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0).items();
        List<ObjectNode> grouped = events().list("default", LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null, 0).items();

        assertEquals(List.of("done", "pulled"), core.stream().map(e -> e.path("message").asText()).toList());
        assertEquals(List.of("done", "pulled"), grouped.stream().map(e -> e.path("note").asText()).toList());
        assertTrue(grouped.stream().allMatch(e -> e.path("apiVersion").asText().equals("events.k8s.io/v1")));
        assertEquals("ctl", coreEvents().get("default", "new").path("reportingComponent").asText());
    }

    @Test
    void fieldSelectorsUseEachVersionsLabels() {
        coreEvents().create("default", json("{'apiVersion':'v1','kind':'Event','metadata':{'name':'a'},"
                + "'involvedObject':{'kind':'Pod','name':'web'},'reason':'Pulled','type':'Normal','reportingComponent':'kubelet'}"), false);
        coreEvents().create("default", json("{'apiVersion':'v1','kind':'Event','metadata':{'name':'b'},"
                + "'involvedObject':{'kind':'Pod','name':'db'},'reason':'Failed','type':'Warning'}"), false);

        assertEquals(List.of("a"), names(events(), "regarding.name=web"));
        assertEquals(List.of("a"), names(events(), "reportingController=kubelet"));
        assertEquals(List.of("b"), names(events(), "type=Warning,reason=Failed"));
        assertEquals(List.of("a"), names(coreEvents(), "involvedObject.name=web"));
        assertThrows(ApiException.class, () -> names(events(), "involvedObject.name=web"));
    }

    private static List<String> names(GenericStore store, String selector) {
        return store.list("default", LabelSelector.EVERYTHING, FieldSelector.parse(selector, store.fieldLabels()), 0, null, 0).items()
                .stream().map(e -> e.at("/metadata/name").asText()).toList();
    }

    @Test
    void eventsThroughEitherGroupExpireAfterAnHour() {
        assertEquals(3600, events().strategy().ttlSeconds());
        assertEquals(3600, coreEvents().strategy().ttlSeconds());
    }

    private GenericStore hpaV1() {
        return registry.require("autoscaling", "v1", "horizontalpodautoscalers");
    }

    private GenericStore hpaV2() {
        return registry.require("autoscaling", "v2", "horizontalpodautoscalers");
    }

    private static final String REF = "'scaleTargetRef':{'kind':'Deployment','name':'web','apiVersion':'apps/v1'}";

    @Test
    void anAutoscalerWrittenThroughV1IsStoredAndReadAsV2() {
        hpaV1().create("default", json("{'apiVersion':'autoscaling/v1','kind':'HorizontalPodAutoscaler','metadata':{'name':'web'},"
                + "'spec':{" + REF + ",'maxReplicas':5,'targetCPUUtilizationPercentage':50}}"), false);

        ObjectNode v2 = hpaV2().get("default", "web");
        assertEquals("autoscaling/v2", v2.path("apiVersion").asText());
        assertEquals(50, v2.at("/spec/metrics/0/resource/target/averageUtilization").asInt());

        hpaV2().update("default", "web", current -> {
            current.putObject("status").put("currentReplicas", 1).put("desiredReplicas", 2).putArray("conditions").addObject()
                    .put("type", "AbleToScale").put("status", "True");
            return current;
        }, Part.STATUS, false);
        ObjectNode v1 = hpaV1().get("default", "web");
        assertEquals(50, v1.at("/spec/targetCPUUtilizationPercentage").asInt());
        assertEquals(2, v1.at("/status/desiredReplicas").asInt());
        assertTrue(v1.at("/metadata/annotations/autoscaling.alpha.kubernetes.io~1conditions").asText().contains("AbleToScale"));
    }

    @Test
    void aV1UpdateKeepsWhatOnlyV2Holds() {
        hpaV2().create("default", json("{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','metadata':{'name':'web'},"
                + "'spec':{" + REF + ",'maxReplicas':5,'metrics':[{'type':'Resource','resource':{'name':'memory','target':"
                + "{'type':'AverageValue','averageValue':'1Gi'}}}],'behavior':{'scaleUp':{'selectPolicy':'Disabled'}}}}"), false);

        hpaV1().update("default", "web", current -> {
            ((ObjectNode) current.get("spec")).put("maxReplicas", 9);
            return current;
        }, Part.MAIN, false);

        ObjectNode v2 = hpaV2().get("default", "web");
        assertEquals(9, v2.at("/spec/maxReplicas").asInt());
        assertEquals("memory", v2.at("/spec/metrics/0/resource/name").asText());
        assertEquals(1, v2.at("/spec/metrics").size());
        assertEquals("Disabled", v2.at("/spec/behavior/scaleUp/selectPolicy").asText());
    }

    @Test
    void aWatchThroughV1SeesV1Objects() throws Exception {
        LinkedBlockingQueue<WatchEvent> seen = new LinkedBlockingQueue<>();
        Watch watch = hpaV1().watch("default", LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, hpaV1().currentRevision(),
                seen::addAll, error -> { });
        try {
            hpaV2().create("default", json("{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','metadata':{'name':'web'},"
                    + "'spec':{" + REF + ",'maxReplicas':5,'metrics':[{'type':'Resource','resource':{'name':'cpu','target':"
                    + "{'type':'Utilization','averageUtilization':65}}}]}}"), false);
            WatchEvent event = seen.poll(10, TimeUnit.SECONDS);
            assertEquals("ADDED", event.type());
            assertEquals("autoscaling/v1", event.object().path("apiVersion").asText());
            assertEquals(65, event.object().at("/spec/targetCPUUtilizationPercentage").asInt());
        } finally {
            watch.close();
        }
    }
}
