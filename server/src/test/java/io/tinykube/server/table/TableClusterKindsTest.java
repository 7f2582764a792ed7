package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.cells;
import static io.tinykube.server.table.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.registry.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Namespace, ConfigMap, Secret, ServiceAccount, ResourceQuota, Lease, PriorityClass, RBAC, ControllerRevision,
 * PodTemplate and the tables of kinds without a printer.
 */
class TableClusterKindsTest {

    private static List<Object> values(List<JsonNode> cells) {
        return cells.stream().map(c -> c.isBoolean() ? (Object) c.asBoolean() : c.isNull() ? null : c.asText()).toList();
    }

    @Test
    void namespace() {
        assertEquals(List.of("kube-system", "Active", "30d"), values(cells("""
                {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"kube-system","creationTimestamp":"2025-04-01T12:00:00Z"},
                 "status":{"phase":"Active"}}""")));
        assertEquals("Terminating", text("""
                {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"old"},"status":{"phase":"Terminating"}}""", "Status"));
    }

    @Test
    void secretAndServiceAccount() {
        List<JsonNode> secret = cells("""
                {"kind":"Secret","apiVersion":"v1","metadata":{"name":"tls"},"type":"kubernetes.io/tls",
                 "data":{"tls.crt":"Y3J0","tls.key":"a2V5"}}""");
        assertEquals(List.of("tls", "kubernetes.io/tls", "2", "<unknown>"), values(secret));
        assertTrue(secret.get(2).isIntegralNumber());
        assertEquals("Opaque", text("""
                {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s"}}""", "Type"));
        assertEquals(0, Fixtures.cell("""
                {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"default"}}""", "Secrets").asLong());
        assertEquals(1, Fixtures.cell("""
                {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"x"},"secrets":[{"name":"x-token"}]}""",
                "Secrets").asLong());
    }

    @Test
    void resourceQuotaSplitsRequestsAndLimits() {
        List<JsonNode> cells = cells("""
                {"kind":"ResourceQuota","apiVersion":"v1","metadata":{"name":"q"},
                 "spec":{"hard":{"pods":"10","requests.cpu":"1","limits.memory":"2Gi","limits.cpu":"2000m"}},
                 "status":{"hard":{"pods":"10","requests.cpu":"1","limits.memory":"2Gi","limits.cpu":"2000m"},
                           "used":{"pods":"3","requests.cpu":"500m","limits.memory":"1024Mi"}}}""");
        assertEquals(List.of("q", "pods: 3/10, requests.cpu: 500m/1", "limits.cpu: 0/2, limits.memory: 1Gi/2Gi",
                "<unknown>"), values(cells));
    }

    @Test
    void leaseAndPriorityClass() {
        assertEquals(List.of("pi-1", "pi-1", "<unknown>"), values(cells("""
                {"kind":"Lease","apiVersion":"coordination.k8s.io/v1","metadata":{"name":"pi-1","namespace":"kube-node-lease"},
                 "spec":{"holderIdentity":"pi-1","leaseDurationSeconds":40}}""")));
        assertEquals("", text("""
                {"kind":"Lease","apiVersion":"coordination.k8s.io/v1","metadata":{"name":"l"},"spec":{}}""", "Holder"));
        List<JsonNode> pc = cells("""
                {"kind":"PriorityClass","apiVersion":"scheduling.k8s.io/v1","metadata":{"name":"system-node-critical"},
                 "value":2000001000,"description":"x"}""");
        assertEquals(List.of("system-node-critical", "2000001000", false, "<unknown>", "PreemptLowerPriority"), values(pc));
        assertTrue(pc.get(1).isIntegralNumber());
    }

    @Test
    void roleBindingsListTheirSubjects() {
        List<JsonNode> cells = cells("""
                {"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"admins"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},
                 "subjects":[{"kind":"User","name":"alice"},{"kind":"Group","name":"system:masters"},
                             {"kind":"User","name":"bob"},{"kind":"ServiceAccount","namespace":"kube-system","name":"ci"}]}""");
        assertEquals(List.of("admins", "ClusterRole/cluster-admin", "<unknown>", "alice, bob", "system:masters",
                "kube-system/ci"), values(cells));
        assertEquals(List.of("b", "Role/r", "<unknown>", "", "", ""), values(cells("""
                {"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"b","namespace":"d"},
                 "roleRef":{"kind":"Role","name":"r"}}""")));
    }

    @Test
    void rolesUseUpstreamsDefaultTableWithCreatedAt() {
        assertEquals(List.of("reader", "2025-04-30T08:15:00Z"), values(cells("""
                {"kind":"Role","apiVersion":"rbac.authorization.k8s.io/v1",
                 "metadata":{"name":"reader","namespace":"d","creationTimestamp":"2025-04-30T08:15:00Z"},"rules":[]}""")));
        assertEquals(List.of("limits", "0001-01-01T00:00:00Z"), values(cells("""
                {"kind":"LimitRange","apiVersion":"v1","metadata":{"name":"limits"},"spec":{"limits":[]}}""")));
    }

    @Test
    void controllerRevisionNamesItsController() {
        List<JsonNode> cells = cells("""
                {"kind":"ControllerRevision","apiVersion":"apps/v1","metadata":{"name":"db-7c9d","ownerReferences":[
                   {"apiVersion":"v1","kind":"Pod","name":"other","uid":"1"},
                   {"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","uid":"2","controller":true}]},
                 "revision":3}""");
        assertEquals(List.of("db-7c9d", "statefulset.apps/db", "3", "<unknown>"), values(cells));
        assertTrue(cells.get(2).isIntegralNumber());
        assertEquals("<none>", text("""
                {"kind":"ControllerRevision","apiVersion":"apps/v1","metadata":{"name":"r"},"revision":1}""", "Controller"));
    }

    @Test
    void podTemplate() {
        assertEquals(List.of("t", "a,b", "img-a,img-b", "app=x,tier=y"), values(cells("""
                {"kind":"PodTemplate","apiVersion":"v1","metadata":{"name":"t"},
                 "template":{"metadata":{"labels":{"tier":"y","app":"x"}},
                             "spec":{"containers":[{"name":"a","image":"img-a"},{"name":"b","image":"img-b"}]}}}""")));
    }

    @Test
    void customResourceGetsNameAndAge() {
        ResourceType widgets = new ResourceType("example.com", "v1", "Widget", "widgets", true, List.of(), List.of(),
                ResourceType.ALL_VERBS, List.of());
        ObjectNode table = Fixtures.CONVERTOR.toTable(widgets, List.of(
                        Fixtures.json("""
                                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w1","creationTimestamp":"2025-05-01T11:00:00Z"}}"""),
                        Fixtures.json("""
                                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w2"}}""")),
                IncludeObject.Metadata, "5", null, true, Fixtures.NOW);
        assertEquals("date", table.path("columnDefinitions").path(1).path("type").asText());
        assertEquals(Fixtures.tree("""
                [{"cells":["w1","60m"],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
                   "metadata":{"name":"w1","creationTimestamp":"2025-05-01T11:00:00Z"}}},
                 {"cells":["w2",null],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"w2"}}}]"""),
                table.path("rows"));
    }
}
