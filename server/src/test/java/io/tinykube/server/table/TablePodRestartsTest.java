package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.cells;
import static io.tinykube.server.table.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RESTARTS ({@code 2 (5m ago)} from the newest last termination), AGE and the wide pod cells. */
class TablePodRestartsTest {

    @Test
    void noRestartsIsZero() {
        assertEquals("0", text("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"containers":[{"name":"app"}]},
                 "status":{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}}""",
                "Restarts"));
    }

    @Test
    void restartsWithoutALastTerminationHaveNoAgo() {
        assertEquals("2", text("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"containers":[{"name":"app"}]},
                 "status":{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"restartCount":2,"state":{"running":{}}}]}}""",
                "Restarts"));
    }

    @Test
    void restartsShowHowLongAgoTheLastContainerFinished() {
        assertEquals("2 (5m ago)", text("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"containers":[{"name":"app"}]},
                 "status":{"phase":"Running","containerStatuses":[{"name":"app","ready":false,"restartCount":2,
                   "state":{"waiting":{"reason":"CrashLoopBackOff"}},
                   "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2025-05-01T11:55:00Z"}}}]}}""",
                "Restarts"));
    }

    @Test
    void restartsAddUpAcrossContainersAndTakeTheNewestTermination() {
        assertEquals("3 (90s ago)", text("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},
                 "status":{"phase":"Running","containerStatuses":[
                   {"name":"a","ready":true,"restartCount":1,"state":{"running":{}},
                    "lastState":{"terminated":{"exitCode":1,"finishedAt":"2025-05-01T11:58:30Z"}}},
                   {"name":"b","ready":true,"restartCount":2,"state":{"running":{}},
                    "lastState":{"terminated":{"exitCode":1,"finishedAt":"2025-05-01T11:50:00Z"}}}]}}""",
                "Restarts"));
    }

    @Test
    void initContainerRestartsCountWhileInitializing() {
        assertEquals("4 (2m ago)", text("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Pending","initContainerStatuses":[{"name":"init","ready":false,"restartCount":4,
                   "state":{"waiting":{"reason":"CrashLoopBackOff"}},
                   "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2025-05-01T11:58:00Z"}}}],
                  "containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}}""",
                "Restarts"));
    }

    @Test
    void finishedInitContainerRestartsDoNotCountOnceRunning() {
        assertEquals("1", text("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Running","initContainerStatuses":[{"name":"init","ready":false,"restartCount":4,
                   "state":{"terminated":{"exitCode":0,"reason":"Completed"}},
                   "lastState":{"terminated":{"exitCode":1,"finishedAt":"2025-05-01T11:00:00Z"}}}],
                  "containerStatuses":[{"name":"app","ready":true,"restartCount":1,"state":{"running":{}}}]}}""",
                "Restarts"));
    }

    @Test
    void allCellsOfARunningPod() {
        List<JsonNode> cells = cells("""
                {"kind":"Pod","apiVersion":"v1",
                 "metadata":{"name":"web-0","namespace":"default","creationTimestamp":"2025-05-01T09:00:00Z"},
                 "spec":{"nodeName":"pi-1","containers":[{"name":"app"}],
                   "readinessGates":[{"conditionType":"example.com/lb"},{"conditionType":"example.com/dns"}]},
                 "status":{"phase":"Running","podIP":"10.42.0.5","podIPs":[{"ip":"10.42.0.5"},{"ip":"fd00::5"}],
                   "conditions":[{"type":"example.com/lb","status":"True"},{"type":"example.com/dns","status":"False"},
                                 {"type":"Ready","status":"False"}],
                   "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}}""");
        assertEquals(List.of("web-0", "1/1", "Running", "0", "3h", "10.42.0.5", "pi-1", "<none>", "1/2"),
                cells.stream().map(JsonNode::asText).toList());
    }

    @Test
    void wideCellsOfAnUnscheduledPodAreNone() {
        List<JsonNode> cells = cells("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","creationTimestamp":"2025-05-01T11:59:58Z"},
                 "spec":{"containers":[{"name":"app"}]},"status":{"phase":"Pending","nominatedNodeName":"pi-2"}}""");
        assertEquals(List.of("p", "0/1", "Pending", "0", "2s", "<none>", "<none>", "pi-2", "<none>"),
                cells.stream().map(JsonNode::asText).toList());
    }

    @Test
    void podIPsAloneGiveTheIP() {
        assertEquals("fd00::7", text("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"containers":[{"name":"app"}]},
                 "status":{"phase":"Running","podIPs":[{"ip":"fd00::7"}]}}""", "IP"));
    }
}
