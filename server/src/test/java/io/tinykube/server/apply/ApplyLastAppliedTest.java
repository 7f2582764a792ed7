package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kubectl apply --server-side} on an object made by client-side apply: fields whose live value is still
 * the last-applied one change hands without conflict, and the annotation follows the applied configuration
 * (upstream lastappliedmanager.go, lastappliedupdater.go; only for the manager "kubectl").
 */
class ApplyLastAppliedTest {

    private static final String LAST_APPLIED =
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"name\":\"d\",\"namespace\":\"default\"},"
                    + "\"spec\":{\"replicas\":1}}\n";

    private static ObjectNode clientSideApplied(int liveReplicas) {
        ObjectNode o = TestSchemas.yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d, namespace: default}, spec: {replicas: 1}}");
        ((ObjectNode) o.get("metadata")).putObject("annotations").put(ServerSideApply.LAST_APPLIED_ANNOTATION, LAST_APPLIED);
        o = ManagedFields.recordUpdate(null, o, "kubectl-client-side-apply", "apps/v1", null, Fx.T0, TestSchemas.DEPLOYMENT);
        if (liveReplicas != 1) {
            ObjectNode scaled = o.deepCopy();
            ((ObjectNode) scaled.get("spec")).put("replicas", liveReplicas);
            o = ManagedFields.recordUpdate(o, scaled, "kubectl-client-side-apply", "apps/v1", null, Fx.T1, TestSchemas.DEPLOYMENT);
        }
        return o;
    }

    private static final String APPLIED = "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d, namespace: default}, spec: {replicas: 3}}";

    @Test
    void fieldsStillAtTheirLastAppliedValuesPassToKubectlWithoutConflict() {
        ObjectNode o = Fx.apply(clientSideApplied(1), APPLIED, "kubectl", TestSchemas.DEPLOYMENT, Fx.T2);

        assertEquals(3, o.get("spec").get("replicas").asInt());
        assertEquals(List.of(".spec.replicas"), Fx.owned(o, "kubectl", "Apply"));
        assertFalse(Fx.owned(o, "kubectl-client-side-apply", "Update").contains(".spec.replicas"));
        assertEquals("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\",\"namespace\":\"default\"},"
                        + "\"spec\":{\"replicas\":3}}\n",
                o.get("metadata").get("annotations").get(ServerSideApply.LAST_APPLIED_ANNOTATION).asText());
    }

    @Test
    void aFieldChangedSinceTheLastClientSideApplyStillConflicts() {
        ObjectNode live = clientSideApplied(2);
        ApplyConflictException e = assertThrows(ApplyConflictException.class,
                () -> Fx.apply(live, APPLIED, "kubectl", TestSchemas.DEPLOYMENT, Fx.T2));
        assertEquals("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas",
                e.getMessage());
    }

    @Test
    void otherManagersGetTheConflictAndLeaveTheAnnotationAlone() {
        ObjectNode live = clientSideApplied(1);
        assertThrows(ApplyConflictException.class, () -> Fx.apply(live, APPLIED, "my-tool", TestSchemas.DEPLOYMENT, Fx.T2));

        ObjectNode o = Fx.apply(live, "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {paused: true}}",
                "my-tool", TestSchemas.DEPLOYMENT, Fx.T2);
        assertEquals(LAST_APPLIED, o.get("metadata").get("annotations").get(ServerSideApply.LAST_APPLIED_ANNOTATION).asText());
    }

    @Test
    void theAnnotationIsWrittenAsGoEncodesIt() {
        ObjectNode config = TestSchemas.yaml("""
                {kind: ConfigMap, apiVersion: v1,
                 metadata: {name: c, annotations: {"kubectl.kubernetes.io/last-applied-configuration": x, note: "<a & b>"}},
                 data: {z: '1', a: '2'}}""");
        assertEquals("{\"apiVersion\":\"v1\",\"data\":{\"a\":\"2\",\"z\":\"1\"},\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"annotations\":{\"note\":\"\\u003ca \\u0026 b\\u003e\"},\"name\":\"c\"}}\n",
                ServerSideApply.buildLastApplied(config));
        assertTrue(ServerSideApply.buildLastApplied(config).endsWith("}\n"));
    }
}
