package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is refused with a clear Status-ready error, never a crash, and the live object is untouched. */
class ApplyHostileInputTest {

    private static final String LIVE = "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: v}}";

    private static ApplyException applyFails(ObjectNode live, com.fasterxml.jackson.databind.JsonNode applied, String schemaName) {
        return assertThrows(ApplyException.class, () -> ServerSideApply.apply(live, applied, "kubectl", false,
                TestSchemas.type(schemaName), "v1", Fx.T1));
    }

    @Test
    void anAppliedConfigurationThatIsNotAnObjectIsABadRequest() {
        ApplyException e = applyFails(null, TestSchemas.json("[1, 2]"), "ConfigMap");
        assertEquals(400, e.code());
        assertEquals("BadRequest", e.reason());
        assertEquals("error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}", e.getMessage());
        assertEquals("error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}",
                applyFails(null, TestSchemas.json("\"kind: ConfigMap\""), "ConfigMap").getMessage());
    }

    @Test
    void managedFieldsInTheAppliedConfigurationAreRefused() {
        ApplyException e = applyFails(null, TestSchemas.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, managedFields: []}}"),
                "ConfigMap");
        assertEquals(400, e.code());
        assertEquals("metadata.managedFields must be nil", e.getMessage());
    }

    @Test
    void malformedManagedFieldsInTheLiveObjectAreAClearInternalError() {
        ObjectNode live = TestSchemas.yaml(LIVE);
        ((ObjectNode) live.get("metadata")).set("managedFields", TestSchemas.json("""
                [{"manager":"x","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:k":"oops"}}}]"""));
        ObjectNode before = live.deepCopy();

        ApplyException e = applyFails(live, TestSchemas.yaml(LIVE), "ConfigMap");
        assertEquals(500, e.code());
        assertEquals("failed to decode managed fields: error decoding fieldsV1 in managed fields entry 0: "
                + "expected a JSON object at f:data/f:k, got string", e.getMessage());
        assertEquals("InternalError", e.toStatus().get("reason").asText());
        assertEquals(before, live);

        ((ObjectNode) live.get("metadata")).put("managedFields", 42);
        assertEquals("failed to decode managed fields: metadata.managedFields must be a list, got number",
                applyFails(live, TestSchemas.yaml(LIVE), "ConfigMap").getMessage());
    }

    @Test
    void listItemsThatCannotBeKeyedAreABadRequestNamingThePath() {
        ApplyException e = applyFails(null, TestSchemas.yaml("""
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: d, namespace: ns},
                 spec: {template: {spec: {containers: [{name: ok}, {image: nameless}]}}}}"""), "Deployment");
        assertEquals(400, e.code());
        assertEquals("failed to create typed patch object (ns/d; apps/v1, Kind=Deployment): .spec.template.spec.containers: "
                + "element 1: associative list with keys has an element that omits key field \"name\" (and doesn't have default value)",
                e.getMessage());

        assertEquals("failed to create typed patch object (/d; apps/v1, Kind=Deployment): .spec.template.spec.containers: "
                + "duplicate entries for key [name=\"web\"]", applyFails(null, TestSchemas.yaml("""
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: d},
                 spec: {template: {spec: {containers: [{name: web}, {name: web}]}}}}"""), "Deployment").getMessage());

        assertTrue(applyFails(null, TestSchemas.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {finalizers: [{a: 1}]}}"), "ConfigMap")
                .getMessage().endsWith(".metadata.finalizers: element 0: associative list without keys has an element that's a map type"));
    }

    @Test
    void aValueOfTheWrongShapeIsABadRequest() {
        assertEquals("failed to create typed patch object (/d; apps/v1, Kind=Deployment): .spec: expected map, got string",
                applyFails(null, TestSchemas.yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: nope}"),
                        "Deployment").getMessage());
        assertEquals("failed to create typed patch object (/d; apps/v1, Kind=Deployment): .spec.template.spec.containers: expected list, got object",
                applyFails(null, TestSchemas.yaml("""
                        {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {spec: {containers: {name: x}}}}}"""),
                        "Deployment").getMessage());
    }

    @Test
    void aMissingFieldManagerIsInvalid() {
        ApplyException e = assertThrows(ApplyException.class, () -> ServerSideApply.apply(null, TestSchemas.yaml(LIVE), "", false,
                TestSchemas.CONFIG_MAP, "v1", Fx.T0));
        assertEquals(422, e.code());
        assertEquals("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", e.getMessage());
    }

    @Test
    void aLiveListWithDuplicateKeysIsKeptAndTheDuplicatedItemOwnedWhole() {
        // an Update may store duplicates (e.g. two env entries with one name); apply must still work around them
        ObjectNode live = ManagedFields.recordUpdate(null, TestSchemas.yaml("""
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: d},
                 spec: {template: {spec: {containers: [{name: web, env: [{name: A, value: '1'}, {name: A, value: '2'}]}]}}}}"""),
                "creator", "apps/v1", null, Fx.T0, TestSchemas.DEPLOYMENT);
        assertTrue(Fx.owned(live, "creator", "Update").contains(".spec.template.spec.containers[name=\"web\"].env[name=\"A\"]"));
        assertFalse(Fx.owned(live, "creator", "Update").contains(".spec.template.spec.containers[name=\"web\"].env[name=\"A\"].value"));

        ObjectNode o = Fx.apply(live, "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 2}}",
                "kubectl", TestSchemas.DEPLOYMENT, Fx.T1);
        assertEquals(TestSchemas.node("[{name: A, value: '1'}, {name: A, value: '2'}]"),
                o.at("/spec/template/spec/containers/0/env"));

        ObjectNode forced = Fx.force(o, """
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: d},
                 spec: {template: {spec: {containers: [{name: web, env: [{name: A, value: '3'}]}]}}}}""",
                "kubectl", TestSchemas.DEPLOYMENT, Fx.T2);
        assertEquals(TestSchemas.node("[{name: A, value: '3'}]"), forced.at("/spec/template/spec/containers/0/env"));
    }

    private static ObjectNode nested(int depth) {
        ObjectNode root = TestSchemas.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}");
        ObjectNode cur = root.putObject("spec");
        for (int i = 2; i < depth; i++) {
            cur = cur.putObject("x");
        }
        return root;
    }

    /** Runs {@code r} on a thread with the server's 256 KiB stack and returns what it threw, or null. */
    private static Throwable onSmallStack(Runnable r) throws InterruptedException {
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                r.run();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        return thrown[0];
    }

    @Test
    void absurdlyDeepDocumentsAreRefusedBeforeTheyCanExhaustTheStack() throws InterruptedException {
        ObjectNode deep = nested(5000);
        Throwable applied = onSmallStack(() -> ServerSideApply.apply(null, deep, "m", false, null, "v1", Fx.T0));
        assertTrue(applied instanceof ApplyException, String.valueOf(applied));
        assertEquals("the applied configuration is nested deeper than 150 levels", applied.getMessage());

        Throwable updated = onSmallStack(() -> ManagedFields.recordUpdate(null, deep, "m", "v1", null, Fx.T0, null));
        assertTrue(updated instanceof ApplyException, String.valueOf(updated));
        assertEquals(400, ((ApplyException) updated).code());

        ObjectNode deepest = nested(ServerSideApply.MAX_DEPTH);
        assertEquals(null, onSmallStack(() -> {
            ObjectNode once = ServerSideApply.apply(null, deepest, "m", false, null, "v1", Fx.T0);
            ObjectNode twice = ServerSideApply.apply(once, deepest, "n", true, null, "v1", Fx.T1);
            ManagedFields.recordUpdate(twice, nested(ServerSideApply.MAX_DEPTH), "u", "v1", null, Fx.T2, null);
        }));
    }

    @Test
    void theInputsAreNeverModified() {
        ObjectNode live = Fx.apply(null, LIVE, "one", TestSchemas.CONFIG_MAP, Fx.T0);
        ObjectNode applied = TestSchemas.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: {a: b}}, data: {k: w}}");
        ObjectNode liveBefore = live.deepCopy();
        ObjectNode appliedBefore = applied.deepCopy();
        ServerSideApply.apply(live, applied, "two", true, TestSchemas.CONFIG_MAP, "v1", Fx.T1);
        assertEquals(liveBefore, live);
        assertEquals(appliedBefore, applied);
        assertEquals(List.of("one/Apply"), Fx.managers(live));
    }
}
