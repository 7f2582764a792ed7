package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Applying a value other managers own is a 409 Conflict with upstream's message and causes. */
class ApplyConflictTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nginx, namespace: default, labels: {app: nginx}}
            spec:
              replicas: %d
              selector: {matchLabels: {app: nginx}}
              template:
                metadata: {labels: {app: nginx}}
                spec:
                  containers:
                  - {name: nginx, image: "nginx:1.14.2"}
            """;

    /** As created by {@code kubectl apply} (client-side): a POST with fieldManager=kubectl-client-side-apply. */
    private static ObjectNode createdClientSide(int replicas) {
        return ManagedFields.recordUpdate(null, TestSchemas.yaml(DEPLOYMENT.formatted(replicas)),
                "kubectl-client-side-apply", "apps/v1", null, Fx.T0, TestSchemas.DEPLOYMENT);
    }

    @Test
    void applyingADifferentReplicasThanAnUpdateManagerSetIsAConflict() {
        ObjectNode live = createdClientSide(1);
        ApplyConflictException e = assertThrows(ApplyConflictException.class,
                () -> Fx.apply(live, DEPLOYMENT.formatted(3), "kubectl", TestSchemas.DEPLOYMENT, Fx.T1));

        assertEquals(409, e.code());
        assertEquals("Conflict", e.reason());
        assertEquals("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas",
                e.getMessage());
        assertEquals(TestSchemas.json("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"Apply failed with 1 conflict: conflict with \\"kubectl-client-side-apply\\" using apps/v1: .spec.replicas",
                 "reason":"Conflict",
                 "details":{"causes":[{"type":"FieldManagerConflict",
                                       "message":"conflict with \\"kubectl-client-side-apply\\" using apps/v1",
                                       "field":".spec.replicas"}]},
                 "code":409}
                """), e.toStatus());
    }

    @Test
    void applyingTheSameValuesIsNoConflict() {
        ObjectNode o = Fx.apply(createdClientSide(1), DEPLOYMENT.formatted(1), "kubectl", TestSchemas.DEPLOYMENT, Fx.T1);
        assertEquals(1, o.get("spec").get("replicas").asInt());
        assertEquals(List.of(
                ".metadata.labels.app",
                ".spec.replicas",
                ".spec.selector",
                ".spec.template.metadata.labels.app",
                ".spec.template.spec.containers[name=\"nginx\"]",
                ".spec.template.spec.containers[name=\"nginx\"].image",
                ".spec.template.spec.containers[name=\"nginx\"].name"), Fx.owned(o, "kubectl", "Apply"));
        assertTrue(Fx.owned(o, "kubectl-client-side-apply", "Update").contains(".spec.replicas"), "shared, not taken");
    }

    @Test
    void aConflictWithAScaleSubresourceManagerNamesTheSubresource() {
        ObjectNode live = Fx.apply(null, DEPLOYMENT.formatted(1), "kubectl", TestSchemas.DEPLOYMENT, Fx.T0);
        ObjectNode scaled = live.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 4);
        ObjectNode afterScale = ManagedFields.recordUpdate(live, scaled, "kubectl-scale", "apps/v1", "scale", Fx.T1, TestSchemas.DEPLOYMENT);

        ApplyConflictException e = assertThrows(ApplyConflictException.class,
                () -> Fx.apply(afterScale, DEPLOYMENT.formatted(2), "kubectl", TestSchemas.DEPLOYMENT, Fx.T2));
        assertEquals("Apply failed with 1 conflict: conflict with \"kubectl-scale\" with subresource \"scale\" using apps/v1: .spec.replicas",
                e.getMessage());
    }

    @Test
    void severalConflictsAreGroupedByManager() {
        ObjectNode o = ManagedFields.recordUpdate(null, TestSchemas.yaml("""
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 1, paused: false}}"""),
                "m1", "apps/v1", null, Fx.T0, TestSchemas.DEPLOYMENT);
        ObjectNode live = Fx.apply(o, "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d, labels: {app: x}}}",
                "m2", TestSchemas.DEPLOYMENT, Fx.T1);

        ApplyConflictException e = assertThrows(ApplyConflictException.class, () -> Fx.apply(live, """
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: d, labels: {app: y}}, spec: {replicas: 2, paused: true}}""",
                "m3", TestSchemas.DEPLOYMENT, Fx.T2));
        assertEquals("""
                Apply failed with 3 conflicts: conflicts with "m1" using apps/v1:
                - .spec.paused
                - .spec.replicas
                conflicts with "m2":
                - .metadata.labels.app""", e.getMessage());
        assertEquals(3, e.conflicts().size());
        assertEquals(".spec.paused", e.toStatus().get("details").get("causes").get(0).get("field").asText());
        assertEquals("conflict with \"m2\"", e.toStatus().get("details").get("causes").get(2).get("message").asText());
    }

    @Test
    void aConflictChangesNothing() {
        ObjectNode live = createdClientSide(1);
        ObjectNode before = live.deepCopy();
        assertThrows(ApplyConflictException.class, () -> Fx.apply(live, DEPLOYMENT.formatted(3), "kubectl", TestSchemas.DEPLOYMENT, Fx.T1));
        assertEquals(before, live);
    }
}
