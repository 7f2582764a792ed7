package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The first apply to an object nobody tracked gives its existing fields to "before-first-apply". */
class ApplyBeforeFirstApplyTest {

    private static final ObjectNode UNTRACKED = TestSchemas.yaml("""
            {apiVersion: apps/v1, kind: Deployment, metadata: {name: d, uid: u1, resourceVersion: '5'},
             spec: {replicas: 2, paused: false}, status: {replicas: 2}}""");

    @Test
    void changingAnExistingValueConflictsWithBeforeFirstApply() {
        ApplyConflictException e = assertThrows(ApplyConflictException.class, () -> Fx.apply(UNTRACKED,
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 3}}", "kubectl", TestSchemas.DEPLOYMENT, Fx.T1));
        assertEquals("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas", e.getMessage());
    }

    @Test
    void agreeingWithTheExistingValuesSharesThem() {
        ObjectNode o = Fx.apply(UNTRACKED, "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 2}}",
                "kubectl", TestSchemas.DEPLOYMENT, Fx.T1);
        assertEquals(List.of("kubectl/Apply", "before-first-apply/Update"), Fx.managers(o));
        assertEquals(List.of(".spec", ".spec.paused", ".spec.replicas"), Fx.owned(o, "before-first-apply", "Update"));
        assertEquals(Fx.bare(o), UNTRACKED);
    }

    @Test
    void reapplyingTheSameConfigurationChangesNothing() {
        String config = "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 2}}";
        ObjectNode once = Fx.apply(UNTRACKED, config, "kubectl", TestSchemas.DEPLOYMENT, Fx.T1);
        ObjectNode twice = Fx.apply(once, config, "kubectl", TestSchemas.DEPLOYMENT, Fx.T2);
        assertEquals(once, twice);
    }
}
