package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.cells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event rows (core/v1 and events.k8s.io/v1): last/first seen, object, source, message and count. */
class TableEventTest {

    private static List<String> texts(List<JsonNode> cells) {
        return cells.stream().map(JsonNode::asText).toList();
    }

    @Test
    void coreEvent() {
        List<JsonNode> cells = cells("""
                {"kind":"Event","apiVersion":"v1","metadata":{"name":"web-0.17f1","namespace":"default"},
                 "involvedObject":{"kind":"Pod","namespace":"default","name":"web-0","fieldPath":"spec.containers{nginx}"},
                 "reason":"Pulled","message":"  Successfully pulled image \\"nginx\\"\\n","type":"Normal",
                 "source":{"component":"kubelet","host":"pi-1"},
                 "firstTimestamp":"2025-05-01T11:00:00Z","lastTimestamp":"2025-05-01T11:58:00Z","count":4}""");
        assertEquals(List.of("2m", "Normal", "Pulled", "pod/web-0", "spec.containers{nginx}", "kubelet, pi-1",
                "Successfully pulled image \"nginx\"", "60m", "4", "web-0.17f1"), texts(cells));
        assertTrue(cells.get(8).isIntegralNumber(), "Count is a number");
    }

    @Test
    void singletonEventFromTheNewApiUsesEventTimeAndReportingController() {
        List<JsonNode> cells = cells("""
                {"kind":"Event","apiVersion":"v1","metadata":{"name":"e1"},
                 "involvedObject":{"kind":"Node"},"reason":"RegisteredNode","message":"registered","type":"Normal",
                 "eventTime":"2025-05-01T11:59:30.123456Z","reportingComponent":"node-controller","reportingInstance":""}""");
        assertEquals(List.of("29s", "Normal", "RegisteredNode", "node", "", "node-controller", "registered", "29s", "1",
                "e1"), texts(cells));
    }

    @Test
    void seriesGivesTheLastSeenAndCount() {
        List<JsonNode> cells = cells("""
                {"kind":"Event","apiVersion":"v1","metadata":{"name":"e2"},
                 "involvedObject":{"kind":"Pod","name":"p"},"reason":"BackOff","message":"Back-off","type":"Warning",
                 "eventTime":"2025-05-01T11:00:00.000000Z","series":{"count":12,"lastObservedTime":"2025-05-01T11:59:00.000000Z"},
                 "reportingComponent":"kubelet","reportingInstance":"pi-2"}""");
        assertEquals(List.of("60s", "Warning", "BackOff", "pod/p", "", "kubelet, pi-2", "Back-off", "60m", "12", "e2"),
                texts(cells));
    }

    @Test
    void eventsGroupEventIsReadAsTheServerConvertsIt() {
        List<JsonNode> cells = cells("""
                {"kind":"Event","apiVersion":"events.k8s.io/v1","metadata":{"name":"e3"},
                 "regarding":{"kind":"Deployment","name":"web","namespace":"default"},
                 "reason":"ScalingReplicaSet","note":"Scaled up replica set web-5d4f8 to 3","type":"Normal",
                 "eventTime":null,"reportingController":"deployment-controller","reportingInstance":"",
                 "deprecatedSource":{"component":"deployment-controller"},
                 "deprecatedFirstTimestamp":"2025-05-01T11:50:00Z","deprecatedLastTimestamp":"2025-05-01T11:55:00Z",
                 "deprecatedCount":2}""");
        assertEquals(List.of("5m", "Normal", "ScalingReplicaSet", "deployment/web", "", "deployment-controller",
                "Scaled up replica set web-5d4f8 to 3", "10m", "2", "e3"), texts(cells));
    }

    @Test
    void eventWithoutTimesIsUnknown() {
        List<JsonNode> cells = cells("""
                {"kind":"Event","apiVersion":"v1","metadata":{"name":"e4"},"involvedObject":{"kind":"Pod","name":"p"}}""");
        assertEquals("<unknown>", cells.get(0).asText());
        assertEquals("<unknown>", cells.get(7).asText());
    }
}
