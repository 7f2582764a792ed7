package io.tinykube.server.registry.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import org.junit.jupiter.api.Test;

/** events.k8s.io/v1 ⇄ core/v1 Events as upstream converts: renamed fields, the rest as they are, nothing lost. */
class ConversionOfEventsTest {
    private final EventConversion conversion = new EventConversion();

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final String METADATA = "'metadata':{'name':'web.1','namespace':'default','resourceVersion':'9'}";

    private static ObjectNode eventsV1() {
        return json("{'apiVersion':'events.k8s.io/v1','kind':'Event'," + METADATA + ",'eventTime':'2025-01-01T00:00:00.000000Z',"
                + "'series':{'count':3,'lastObservedTime':'2025-01-01T00:05:00.000000Z'},'reportingController':'example.com/ctl',"
                + "'reportingInstance':'ctl-1','action':'Scale','reason':'Scaled','regarding':{'kind':'Pod','namespace':'default',"
                + "'name':'web','uid':'u1','apiVersion':'v1','fieldPath':'spec.containers{app}'},'related':{'kind':'Node','name':'n1'},"
                + "'note':'scaled up','type':'Normal','deprecatedSource':{'component':'ctl','host':'h'},"
                + "'deprecatedFirstTimestamp':'2025-01-01T00:00:00Z','deprecatedLastTimestamp':'2025-01-01T00:05:00Z','deprecatedCount':3}");
    }

    @Test
    void renamedFieldsMapToCore() {
        assertEquals(json("{'apiVersion':'v1','kind':'Event'," + METADATA + ",'involvedObject':{'kind':'Pod','namespace':'default',"
                + "'name':'web','uid':'u1','apiVersion':'v1','fieldPath':'spec.containers{app}'},'reason':'Scaled','message':'scaled up',"
                + "'source':{'component':'ctl','host':'h'},'firstTimestamp':'2025-01-01T00:00:00Z','lastTimestamp':'2025-01-01T00:05:00Z',"
                + "'count':3,'type':'Normal','eventTime':'2025-01-01T00:00:00.000000Z','series':{'count':3,"
                + "'lastObservedTime':'2025-01-01T00:05:00.000000Z'},'action':'Scale','related':{'kind':'Node','name':'n1'},"
                + "'reportingComponent':'example.com/ctl','reportingInstance':'ctl-1'}"),
                conversion.toStorage(eventsV1(), "events.k8s.io/v1"));
    }

    @Test
    void eventsV1SurvivesTheWayThroughCore() {
        assertEquals(eventsV1(), conversion.fromStorage(conversion.toStorage(eventsV1(), "events.k8s.io/v1"), "events.k8s.io/v1"));
    }

    @Test
    void coreEventWithoutTheNewFieldsReadsAsEventsV1() {
        ObjectNode core = json("{'apiVersion':'v1','kind':'Event'," + METADATA + ",'involvedObject':{'kind':'Pod','name':'web'},"
                + "'reason':'Pulled','message':'pulled','source':{'component':'kubelet'},'count':1,'type':'Normal'}");

        assertEquals(json("{'apiVersion':'events.k8s.io/v1','kind':'Event'," + METADATA + ",'reason':'Pulled',"
                + "'regarding':{'kind':'Pod','name':'web'},'note':'pulled','type':'Normal','deprecatedSource':{'component':'kubelet'},"
                + "'deprecatedCount':1}"), conversion.fromStorage(core, "events.k8s.io/v1"));
    }
}
