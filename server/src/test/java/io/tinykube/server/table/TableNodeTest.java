package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.cells;
import static io.tinykube.server.table.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node rows: status from the Ready condition and cordoning, roles from labels, version and the wide cells. */
class TableNodeTest {
    private static final String TEMPLATE = """
            {"kind":"Node","apiVersion":"v1","metadata":{"name":"pi-1","labels":%s,"creationTimestamp":"2025-04-01T12:00:00Z"},
             "spec":%s,
             "status":{"conditions":%s,
               "addresses":[{"type":"Hostname","address":"pi-1"},{"type":"InternalIP","address":"192.168.1.21"}],
               "nodeInfo":{"kubeletVersion":"v1.33.0-tinykube","osImage":"Debian GNU/Linux 12 (bookworm)",
                           "kernelVersion":"6.6.31+rpt-rpi-v8","containerRuntimeVersion":"tinykube://0.1.0"}}}""";
    private static final String READY = "[{\"type\":\"MemoryPressure\",\"status\":\"False\"},{\"type\":\"Ready\",\"status\":\"True\"}]";

    private static String node(String labels, String spec, String conditions) {
        return TEMPLATE.formatted(labels, spec, conditions);
    }

    @Test
    void readyControlPlaneNode() {
        List<JsonNode> cells = cells(node("""
                {"node-role.kubernetes.io/master":"","node-role.kubernetes.io/control-plane":"","kubernetes.io/hostname":"pi-1"}""",
                "{}", READY));
        assertEquals(List.of("pi-1", "Ready", "control-plane,master", "30d", "v1.33.0-tinykube", "192.168.1.21", "<none>",
                "Debian GNU/Linux 12 (bookworm)", "6.6.31+rpt-rpi-v8", "tinykube://0.1.0"),
                cells.stream().map(JsonNode::asText).toList());
    }

    @Test
    void cordonedNodeIsSchedulingDisabled() {
        assertEquals("Ready,SchedulingDisabled", text(node("{}", "{\"unschedulable\":true}", READY), "Status"));
    }

    @Test
    void readyFalseOrUnknownIsNotReady() {
        assertEquals("NotReady", text(node("{}", "{}", "[{\"type\":\"Ready\",\"status\":\"False\"}]"), "Status"));
        assertEquals("NotReady,SchedulingDisabled",
                text(node("{}", "{\"unschedulable\":true}", "[{\"type\":\"Ready\",\"status\":\"Unknown\"}]"), "Status"));
    }

    @Test
    void nodeWithoutReadyConditionIsUnknown() {
        assertEquals("Unknown", text(node("{}", "{}", "[]"), "Status"));
    }

    @Test
    void rolesComeFromRoleLabels() {
        assertEquals("<none>", text(node("{\"kubernetes.io/hostname\":\"pi-1\"}", "{}", READY), "Roles"));
        assertEquals("worker", text(node("{\"kubernetes.io/role\":\"worker\"}", "{}", READY), "Roles"));
        assertEquals("edge,gpu", text(node("""
                {"node-role.kubernetes.io/gpu":"true","node-role.kubernetes.io/":"","kubernetes.io/role":"edge"}""",
                "{}", READY), "Roles"));
    }

    @Test
    void missingNodeInfoIsUnknownInWideCells() {
        List<JsonNode> cells = cells("""
                {"kind":"Node","apiVersion":"v1","metadata":{"name":"n"},"status":{"addresses":[{"type":"ExternalIP","address":"203.0.113.9"}]}}""");
        assertEquals(List.of("n", "Unknown", "<none>", "<unknown>", "", "<none>", "203.0.113.9", "<unknown>", "<unknown>",
                "<unknown>"), cells.stream().map(JsonNode::asText).toList());
    }
}
