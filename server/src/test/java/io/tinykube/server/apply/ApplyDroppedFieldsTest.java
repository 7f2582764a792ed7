package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Fields an applier applied before and no longer applies are removed, unless someone else owns them. */
class ApplyDroppedFieldsTest {

    private static String cm(String labels) {
        return "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: " + labels + "}, data: {k: v}}";
    }

    @Test
    void aSecondApplyThatDropsALabelRemovesIt() {
        ObjectNode o = Fx.apply(null, cm("{a: '1', b: '2'}"), "kubectl", TestSchemas.CONFIG_MAP, Fx.T0);
        o = Fx.apply(o, cm("{a: '1'}"), "kubectl", TestSchemas.CONFIG_MAP, Fx.T1);

        assertEquals(TestSchemas.yaml("{a: '1'}"), o.get("metadata").get("labels"));
        assertEquals(List.of(".data.k", ".metadata.labels.a"), Fx.owned(o, "kubectl", "Apply"));
        assertEquals("2024-01-01T01:00:00Z", Fx.entry(o, "kubectl", "Apply").get("time").asText());
    }

    @Test
    void droppingTheLastLabelRemovesTheLabelsMap() {
        ObjectNode o = Fx.apply(null, cm("{a: '1'}"), "kubectl", TestSchemas.CONFIG_MAP, Fx.T0);
        o = Fx.apply(o, "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: v}}", "kubectl", TestSchemas.CONFIG_MAP, Fx.T1);
        assertFalse(o.get("metadata").has("labels"));
    }

    @Test
    void aDroppedLabelAnotherApplierAlsoAppliesStays() {
        ObjectNode o = Fx.apply(null, cm("{a: '1', b: '2'}"), "one", TestSchemas.CONFIG_MAP, Fx.T0);
        o = Fx.apply(o, "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: {b: '2'}}}", "two", TestSchemas.CONFIG_MAP, Fx.T1);
        o = Fx.apply(o, cm("{a: '1'}"), "one", TestSchemas.CONFIG_MAP, Fx.T2);

        assertEquals(TestSchemas.yaml("{a: '1', b: '2'}"), o.get("metadata").get("labels"));
        assertEquals(List.of(".metadata.labels.b"), Fx.owned(o, "two", "Apply"));
    }

    @Test
    void aDroppedLabelThatAnUpdateChangedSinceStays() {
        ObjectNode o = Fx.apply(null, cm("{a: '1', b: '2'}"), "kubectl", TestSchemas.CONFIG_MAP, Fx.T0);
        ObjectNode labelled = o.deepCopy();
        ((ObjectNode) labelled.get("metadata").get("labels")).put("b", "3");
        o = ManagedFields.recordUpdate(o, labelled, "kubectl-label", "v1", null, Fx.T1, TestSchemas.CONFIG_MAP);
        o = Fx.apply(o, cm("{a: '1'}"), "kubectl", TestSchemas.CONFIG_MAP, Fx.T2);

        assertEquals(TestSchemas.yaml("{a: '1', b: '3'}"), o.get("metadata").get("labels"));
        assertEquals(List.of(".metadata.labels.b"), Fx.owned(o, "kubectl-label", "Update"));
    }

    @Test
    void aDroppedContainerAndADroppedStructAreRemoved() {
        String both = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  strategy: {type: Recreate}
                  template:
                    spec:
                      containers:
                      - {name: web, image: web:1}
                      - {name: sidecar, image: side:1}
                """;
        String one = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: web, image: web:1}
                """;
        ObjectNode o = Fx.apply(null, both, "kubectl", TestSchemas.DEPLOYMENT, Fx.T0);
        o = Fx.apply(o, one, "kubectl", TestSchemas.DEPLOYMENT, Fx.T1);
        assertEquals(TestSchemas.yaml(one), Fx.bare(o));
    }

    @Test
    void fieldsNobodyEverAppliedSurvive() {
        ObjectNode live = Fx.apply(null, cm("{a: '1'}"), "kubectl", TestSchemas.CONFIG_MAP, Fx.T0);
        ((ObjectNode) live.get("metadata")).put("uid", "u-1").put("resourceVersion", "7")
                .put("creationTimestamp", "2024-01-01T00:00:00Z");
        ObjectNode o = Fx.apply(live, cm("{}"), "kubectl", TestSchemas.CONFIG_MAP, Fx.T1);
        assertEquals(TestSchemas.yaml("""
                {apiVersion: v1, kind: ConfigMap, data: {k: v},
                 metadata: {name: c, uid: u-1, resourceVersion: '7', creationTimestamp: '2024-01-01T00:00:00Z'}}"""), Fx.bare(o));
    }
}
