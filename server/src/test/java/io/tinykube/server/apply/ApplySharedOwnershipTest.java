package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Appliers that set a field to the same value share it; changing a shared field conflicts. */
class ApplySharedOwnershipTest {

    private static String replicas(int n) {
        return "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: " + n + "}}";
    }

    @Test
    void twoAppliersAgreeingOnAValueShareItWithoutConflict() {
        ObjectNode o = Fx.apply(null, replicas(3), "one", TestSchemas.DEPLOYMENT, Fx.T0);
        o = Fx.apply(o, replicas(3), "two", TestSchemas.DEPLOYMENT, Fx.T1);

        assertEquals(List.of(".spec.replicas"), Fx.owned(o, "one", "Apply"));
        assertEquals(List.of(".spec.replicas"), Fx.owned(o, "two", "Apply"));
        // the second apply changed nothing, so (as upstream) its entry carries no time
        assertEquals(null, Fx.entry(o, "two", "Apply").get("time"));
    }

    @Test
    void changingASharedFieldConflictsWithTheOtherApplier() {
        ObjectNode o = Fx.apply(null, replicas(3), "one", TestSchemas.DEPLOYMENT, Fx.T0);
        ObjectNode shared = Fx.apply(o, replicas(3), "two", TestSchemas.DEPLOYMENT, Fx.T1);

        ApplyConflictException e = assertThrows(ApplyConflictException.class,
                () -> Fx.apply(shared, replicas(5), "two", TestSchemas.DEPLOYMENT, Fx.T2));
        assertEquals("Apply failed with 1 conflict: conflict with \"one\": .spec.replicas", e.getMessage());
    }

    @Test
    void whenOneGivesUpTheFieldTheOtherKeepsItAndItsValue() {
        ObjectNode o = Fx.apply(null, replicas(3), "one", TestSchemas.DEPLOYMENT, Fx.T0);
        o = Fx.apply(o, replicas(3), "two", TestSchemas.DEPLOYMENT, Fx.T1);
        o = Fx.apply(o, "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {paused: true}}", "one",
                TestSchemas.DEPLOYMENT, Fx.T2);

        assertEquals(3, o.get("spec").get("replicas").asInt());
        assertEquals(List.of(".spec.paused"), Fx.owned(o, "one", "Apply"));
        assertEquals(List.of(".spec.replicas"), Fx.owned(o, "two", "Apply"));
        o = Fx.apply(o, replicas(5), "two", TestSchemas.DEPLOYMENT, Fx.T3);
        assertEquals(5, o.get("spec").get("replicas").asInt());
    }
}
