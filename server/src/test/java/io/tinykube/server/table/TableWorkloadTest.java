package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.cells;
import static io.tinykube.server.table.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deployment, ReplicaSet, ReplicationController, StatefulSet and DaemonSet rows: counts, integer cells, selectors. */
class TableWorkloadTest {
    private static final String TEMPLATE = """
            "template":{"metadata":{"labels":{"app":"web"}},
                        "spec":{"containers":[{"name":"nginx","image":"nginx:1.27"},{"name":"log","image":"busybox"}]}}""";

    @Test
    void deployment() {
        List<JsonNode> cells = cells("""
                {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":"2025-05-01T11:00:00Z"},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"},
                   "matchExpressions":[{"key":"tier","operator":"In","values":["front","edge"]},{"key":"canary","operator":"DoesNotExist"}]},
                   %s},
                 "status":{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}}""".formatted(TEMPLATE));
        assertEquals(List.of("web", "2/3", "3", "2", "60m", "nginx,log", "nginx:1.27,busybox",
                "app=web,!canary,tier in (edge,front)"), cells.stream().map(JsonNode::asText).toList());
        assertTrue(cells.get(2).isIntegralNumber() && cells.get(3).isIntegralNumber(), "Up-to-date and Available are numbers");
    }

    @Test
    void deploymentWithoutReplicasIsDefaultedToOneAndWithoutStatusIsZero() {
        assertEquals("0/1", text("""
                {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web"},
                 "spec":{"selector":{"matchLabels":{"app":"web"}},%s}}""".formatted(TEMPLATE), "Ready"));
    }

    @Test
    void deploymentWithAnInvalidSelectorSaysSo() {
        assertEquals("<invalid>", text("""
                {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web"},
                 "spec":{"selector":{"matchExpressions":[{"key":"a","operator":"Sometimes"}]},%s}}""".formatted(TEMPLATE),
                "Selector"));
    }

    @Test
    void replicaSet() {
        List<JsonNode> cells = cells("""
                {"kind":"ReplicaSet","apiVersion":"apps/v1","metadata":{"name":"web-5d4f8","creationTimestamp":"2025-05-01T11:00:00Z"},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","pod-template-hash":"5d4f8"}},%s},
                 "status":{"replicas":3,"readyReplicas":1}}""".formatted(TEMPLATE));
        assertEquals(List.of("web-5d4f8", "3", "3", "1", "60m", "nginx,log", "nginx:1.27,busybox",
                "app=web,pod-template-hash=5d4f8"), cells.stream().map(JsonNode::asText).toList());
        for (int i = 1; i <= 3; i++) {
            assertTrue(cells.get(i).isIntegralNumber(), "Desired, Current and Ready are integers");
        }
    }

    @Test
    void emptySelectorIsNone() {
        assertEquals("<none>", text("""
                {"kind":"ReplicaSet","apiVersion":"apps/v1","metadata":{"name":"rs"},"spec":{"replicas":0,"selector":{}}}""",
                "Selector"));
    }

    @Test
    void replicationController() {
        List<JsonNode> cells = cells("""
                {"kind":"ReplicationController","apiVersion":"v1","metadata":{"name":"old"},
                 "spec":{"replicas":2,"selector":{"app":"old"},%s},"status":{"replicas":2,"readyReplicas":2}}""".formatted(TEMPLATE));
        assertEquals(List.of("old", "2", "2", "2", "<unknown>", "nginx,log", "nginx:1.27,busybox", "app=old"),
                cells.stream().map(JsonNode::asText).toList());
    }

    @Test
    void statefulSet() {
        List<JsonNode> cells = cells("""
                {"kind":"StatefulSet","apiVersion":"apps/v1","metadata":{"name":"db","creationTimestamp":"2025-05-01T11:58:01Z"},
                 "spec":{"replicas":3,"serviceName":"db","selector":{"matchLabels":{"app":"db"}},%s},
                 "status":{"replicas":2,"readyReplicas":2}}""".formatted(TEMPLATE));
        assertEquals(List.of("db", "2/3", "119s", "nginx,log", "nginx:1.27,busybox"),
                cells.stream().map(JsonNode::asText).toList());
    }

    @Test
    void daemonSet() {
        List<JsonNode> cells = cells("""
                {"kind":"DaemonSet","apiVersion":"apps/v1","metadata":{"name":"agent","creationTimestamp":"2025-05-01T11:00:00Z"},
                 "spec":{"selector":{"matchLabels":{"app":"agent"}},
                   "template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux","arch":"arm64"},
                                       "containers":[{"name":"agent","image":"agent:1"}]}}},
                 "status":{"desiredNumberScheduled":4,"currentNumberScheduled":4,"numberReady":3,
                           "updatedNumberScheduled":4,"numberAvailable":3}}""");
        assertEquals(List.of("agent", "4", "4", "3", "4", "3", "arch=arm64,kubernetes.io/os=linux", "60m", "agent",
                "agent:1", "app=agent"), cells.stream().map(JsonNode::asText).toList());
        assertEquals("<none>", text("""
                {"kind":"DaemonSet","apiVersion":"apps/v1","metadata":{"name":"agent"},"spec":{"template":{"spec":{}}}}""",
                "Node Selector"));
    }
}
