package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Non-apply writes (create, update, patch) move ownership of what they change to their manager. */
class ManagedFieldsRecordUpdateTest {

    private static final String CM = "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: {app: x}}, data: {key: v}}";

    private static ObjectNode with(ObjectNode o, String field, String value) {
        ObjectNode copy = o.deepCopy();
        ((ObjectNode) copy.get("data")).put(field, value);
        return copy;
    }

    @Test
    void createOwnsEverySetFieldAndTheMapsItAdded() {
        ObjectNode o = ManagedFields.recordUpdate(null, TestSchemas.yaml(CM), "kubectl-create", "v1", null, Fx.T0, TestSchemas.CONFIG_MAP);
        assertEquals(TestSchemas.json("""
                [{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2024-01-01T00:00:00Z",
                  "fieldsType":"FieldsV1",
                  "fieldsV1":{"f:data":{".":{},"f:key":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]"""),
                o.get("metadata").get("managedFields"));
    }

    @Test
    void anUpdateThatChangesAnAppliedFieldTakesItFromTheApplier() {
        ObjectNode o = Fx.apply(null, "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 3, paused: false}}",
                "kubectl", TestSchemas.DEPLOYMENT, Fx.T0);
        ObjectNode scaled = o.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 5);
        o = ManagedFields.recordUpdate(o, scaled, "kube-controller-manager", "apps/v1", null, Fx.T1, TestSchemas.DEPLOYMENT);

        assertEquals(List.of(".spec.paused"), Fx.owned(o, "kubectl", "Apply"));
        assertEquals(List.of(".spec.replicas"), Fx.owned(o, "kube-controller-manager", "Update"));
        assertEquals("2024-01-01T00:00:00Z", Fx.entry(o, "kubectl", "Apply").get("time").asText());
        assertEquals("2024-01-01T01:00:00Z", Fx.entry(o, "kube-controller-manager", "Update").get("time").asText());
        assertEquals(List.of("kubectl/Apply", "kube-controller-manager/Update"), Fx.managers(o));
    }

    @Test
    void anUpdateThatChangesNothingLeavesManagedFieldsAlone() {
        ObjectNode o = ManagedFields.recordUpdate(null, TestSchemas.yaml(CM), "kubectl-create", "v1", null, Fx.T0, TestSchemas.CONFIG_MAP);
        ObjectNode same = o.deepCopy();
        ((ObjectNode) same.get("metadata")).put("resourceVersion", "12");
        ObjectNode after = ManagedFields.recordUpdate(o, same, "kubectl-edit", "v1", null, Fx.T1, TestSchemas.CONFIG_MAP);
        assertEquals(o.get("metadata").get("managedFields"), after.get("metadata").get("managedFields"));
    }

    @Test
    void repeatedUpdatesByOneManagerMergeIntoOneEntryWithTheLatestTime() {
        ObjectNode o = ManagedFields.recordUpdate(null, TestSchemas.yaml(CM), "kubectl-create", "v1", null, Fx.T0, TestSchemas.CONFIG_MAP);
        ObjectNode a = ManagedFields.recordUpdate(o, with(o, "a", "1"), "editor", "v1", null, Fx.T1, TestSchemas.CONFIG_MAP);
        ObjectNode b = ManagedFields.recordUpdate(a, with(a, "b", "2"), "editor", "v1", null, Fx.T2, TestSchemas.CONFIG_MAP);
        assertEquals(List.of(".data.a", ".data.b"), Fx.owned(b, "editor", "Update"));
        assertEquals("2024-01-01T02:00:00Z", Fx.entry(b, "editor", "Update").get("time").asText());
        assertEquals(List.of("kubectl-create/Update", "editor/Update"), Fx.managers(b));
    }

    @Test
    void aRemovedFieldLeavesEverySet() {
        ObjectNode o = ManagedFields.recordUpdate(null, TestSchemas.yaml(CM), "kubectl-create", "v1", null, Fx.T0, TestSchemas.CONFIG_MAP);
        ObjectNode removed = o.deepCopy();
        ((ObjectNode) removed.get("metadata")).remove("labels");
        o = ManagedFields.recordUpdate(o, removed, "editor", "v1", null, Fx.T1, TestSchemas.CONFIG_MAP);
        assertEquals(List.of(".data", ".data.key"), Fx.owned(o, "kubectl-create", "Update"));
        assertNull(Fx.entry(o, "editor", "Update"), "removing is not owning");
    }

    @Test
    void anEmptyListResetsManagedFieldsAndAnUntrackedObjectStaysUntracked() {
        ObjectNode o = ManagedFields.recordUpdate(null, TestSchemas.yaml(CM), "kubectl-create", "v1", null, Fx.T0, TestSchemas.CONFIG_MAP);
        ObjectNode reset = with(o, "a", "1");
        ((ObjectNode) reset.get("metadata")).putArray("managedFields");
        ObjectNode untracked = ManagedFields.recordUpdate(o, reset, "editor", "v1", null, Fx.T1, TestSchemas.CONFIG_MAP);
        assertFalse(untracked.get("metadata").has("managedFields"));

        ObjectNode later = ManagedFields.recordUpdate(untracked, with(untracked, "b", "2"), "editor", "v1", null, Fx.T2, TestSchemas.CONFIG_MAP);
        assertFalse(later.get("metadata").has("managedFields"));
        assertEquals("2", later.get("data").get("b").asText());
    }

    @Test
    void managedFieldsSentWithTheWriteAreTheStartingPoint() {
        // kubectl's client-side-apply upgrade rewrites managedFields with a JSON patch
        ObjectNode o = ManagedFields.recordUpdate(null, TestSchemas.yaml(CM), "kubectl-client-side-apply", "v1", null, Fx.T0,
                TestSchemas.CONFIG_MAP);
        ObjectNode rewritten = o.deepCopy();
        ((ObjectNode) rewritten.get("metadata").get("managedFields").get(0)).put("manager", "kubectl").put("operation", "Apply");
        ObjectNode after = ManagedFields.recordUpdate(o, rewritten, "kubectl", "v1", null, Fx.T1, TestSchemas.CONFIG_MAP);
        assertEquals(List.of("kubectl/Apply"), Fx.managers(after));
    }

    @Test
    void unusableManagedFieldsInTheRequestFallBackToTheStoredOnes() {
        ObjectNode o = ManagedFields.recordUpdate(null, TestSchemas.yaml(CM), "kubectl-create", "v1", null, Fx.T0, TestSchemas.CONFIG_MAP);
        ObjectNode mangled = with(o, "a", "1");
        ((ObjectNode) mangled.get("metadata")).put("managedFields", "garbage");
        ObjectNode after = ManagedFields.recordUpdate(o, mangled, "editor", "v1", null, Fx.T1, TestSchemas.CONFIG_MAP);
        assertEquals(List.of("kubectl-create/Update", "editor/Update"), Fx.managers(after));
    }

    @Test
    void statusIsOwnedOnlyThroughTheStatusSubresource() {
        ObjectNode o = Fx.apply(null, "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 1}}",
                "kubectl", TestSchemas.DEPLOYMENT, Fx.T0);
        ObjectNode withStatus = o.deepCopy();
        withStatus.putObject("status").put("replicas", 1);
        ((ObjectNode) withStatus.get("spec")).put("paused", true);

        ObjectNode viaMain = ManagedFields.recordUpdate(o, withStatus, "editor", "apps/v1", null, Fx.T1, TestSchemas.DEPLOYMENT);
        assertEquals(List.of(".spec.paused"), Fx.owned(viaMain, "editor", "Update"));

        ObjectNode viaStatus = ManagedFields.recordUpdate(o, withStatus, "kube-controller-manager", "apps/v1", "status", Fx.T1,
                TestSchemas.DEPLOYMENT);
        assertEquals(List.of(".status", ".status.replicas"), Fx.owned(viaStatus, "kube-controller-manager", "Update"));
        assertEquals(List.of("kubectl/Apply", "kube-controller-manager/Update/status"), Fx.managers(viaStatus));
    }

    @Test
    void beyondTenUpdateManagersTheOldestMergeIntoAncientChanges() {
        ObjectNode o = ManagedFields.recordUpdate(null, TestSchemas.yaml(CM), "m00", "v1", null, Fx.T0, TestSchemas.CONFIG_MAP);
        for (int i = 1; i <= 10; i++) {
            o = ManagedFields.recordUpdate(o, with(o, "k" + i, "v"), String.format("m%02d", i), "v1", null,
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * i), TestSchemas.CONFIG_MAP);
        }
        assertEquals(List.of("ancient-changes/Update", "m02/Update", "m03/Update", "m04/Update", "m05/Update", "m06/Update",
                "m07/Update", "m08/Update", "m09/Update", "m10/Update"), Fx.managers(o));
        assertEquals(List.of(".data", ".data.k1", ".data.key", ".metadata.labels", ".metadata.labels.app"),
                Fx.owned(o, "ancient-changes", "Update"));
        assertEquals("2024-01-01T00:01:00Z", Fx.entry(o, "ancient-changes", "Update").get("time").asText());
    }
}
