package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A forced apply takes conflicting fields over from their owners. */
class ApplyForceTest {

    @Test
    void forceMovesTheConflictingFieldToTheApplier() {
        ObjectNode live = ManagedFields.recordUpdate(null, TestSchemas.yaml("""
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 1, paused: false}}"""),
                "kubectl-client-side-apply", "apps/v1", null, Fx.T0, TestSchemas.DEPLOYMENT);

        ObjectNode o = Fx.force(live, "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 3}}",
                "kubectl", TestSchemas.DEPLOYMENT, Fx.T1);

        assertEquals(3, o.get("spec").get("replicas").asInt());
        assertEquals(List.of(".spec.replicas"), Fx.owned(o, "kubectl", "Apply"));
        assertEquals(List.of(".spec", ".spec.paused"), Fx.owned(o, "kubectl-client-side-apply", "Update"));
        assertEquals("2024-01-01T00:00:00Z", Fx.entry(o, "kubectl-client-side-apply", "Update").get("time").asText(),
                "losing a field does not touch the loser's time");
    }

    @Test
    void aManagerLeftWithNothingDisappears() {
        ObjectNode live = Fx.apply(null, "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: a}}", "one",
                TestSchemas.CONFIG_MAP, Fx.T0);
        ObjectNode o = Fx.force(live, "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: b}}", "two",
                TestSchemas.CONFIG_MAP, Fx.T1);
        assertEquals("b", o.get("data").get("k").asText());
        assertEquals(List.of("two/Apply"), Fx.managers(o));
        assertNull(Fx.entry(o, "one", "Apply"));
    }

    @Test
    void forceWithoutConflictsIsAnOrdinaryApply() {
        ObjectNode o = Fx.force(null, "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: a}}", "one",
                TestSchemas.CONFIG_MAP, Fx.T0);
        assertTrue(Fx.owned(o, "one", "Apply").contains(".data.k"));
    }
}
