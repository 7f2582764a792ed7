package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.jsonPatch;
import static io.tinykube.server.patch.Docs.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JSON patches kubectl sends ({@code rollout undo}, the client-side-apply upgrade of managedFields), and
 * the v4 library behaviours kubectl users meet.
 */
class JsonPatchKubectlUsesTest {
    private static final ObjectNode DEPLOYMENT = obj("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"d1","namespace":"default","resourceVersion":"42",
                         "annotations":{"deployment.kubernetes.io/revision":"2","note":"x"},
                         "managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update",
                                           "apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{}}}]},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"d1"}},
                     "template":{"metadata":{"labels":{"app":"d1"}},
                                 "spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}""");

    @Test
    void rolloutUndoReplacesTemplateAndAnnotations() {
        String patch = """
                [{"op":"replace","path":"/spec/template","value":{"metadata":{"labels":{"app":"d1"}},
                   "spec":{"containers":[{"name":"web","image":"nginx:1.25"}]}}},
                 {"op":"replace","path":"/metadata/annotations","value":{"deployment.kubernetes.io/revision":"2"}}]""";
        ObjectNode result = jsonPatch(DEPLOYMENT, patch);
        assertEquals("nginx:1.25", result.at("/spec/template/spec/containers/0/image").asText());
        assertJson("{\"deployment.kubernetes.io/revision\":\"2\"}", result.at("/metadata/annotations"));
        assertEquals(2, result.at("/spec/replicas").asInt());
        assertEquals("nginx:1.26", DEPLOYMENT.at("/spec/template/spec/containers/0/image").asText());
    }

    @Test
    void csaUpgradeTestsResourceVersionThenReplacesManagedFields() {
        String patch = """
                [{"op":"test","path":"/metadata/resourceVersion","value":"%s"},
                 {"op":"replace","path":"/metadata/managedFields","value":[{"manager":"kubectl","operation":"Apply",
                   "apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{}}}]}]""";
        ObjectNode result = jsonPatch(DEPLOYMENT, patch.formatted("42"));
        assertEquals("kubectl", result.at("/metadata/managedFields/0/manager").asText());
        assertEquals(1, result.at("/metadata/managedFields").size());

        PatchException stale = Docs.fails(Patches.JSON_PATCH, DEPLOYMENT, patch.formatted("41"), null);
        assertEquals(422, stale.code());
        assertEquals("testing value /metadata/resourceVersion failed: test failed", stale.detail());
    }

    @Test
    void replaceOfAnAbsentMemberAddsIt() {
        // json-patch v4 checks that the parent exists, not the member: upstream accepts this.
        ObjectNode result = jsonPatch(DEPLOYMENT, "[{\"op\":\"replace\",\"path\":\"/metadata/labels\",\"value\":{\"a\":\"b\"}}]");
        assertJson("{\"a\":\"b\"}", result.at("/metadata/labels"));
    }

    @Test
    void escapedTokensAppendAndNegativeIndexes() {
        ObjectNode result = jsonPatch(DEPLOYMENT, """
                [{"op":"add","path":"/metadata/annotations/example.com~1owner","value":"me"},
                 {"op":"add","path":"/metadata/annotations/a~0b","value":"tilde"},
                 {"op":"add","path":"/spec/template/spec/containers/-","value":{"name":"side","image":"busybox"}},
                 {"op":"replace","path":"/spec/template/spec/containers/-1/image","value":"busybox:2"},
                 {"op":"copy","from":"/spec/template/spec/containers/0","path":"/spec/template/spec/initContainers"},
                 {"op":"move","from":"/metadata/annotations/note","path":"/metadata/labels"}]""");
        assertEquals("me", result.at("/metadata/annotations").get("example.com/owner").asText());
        assertEquals("tilde", result.at("/metadata/annotations").get("a~b").asText());
        assertEquals("busybox:2", result.at("/spec/template/spec/containers/1/image").asText());
        assertEquals("web", result.at("/spec/template/spec/initContainers/name").asText());
        assertEquals("x", result.at("/metadata/labels").asText());
    }

    @Test
    void testMatchesNullAndAbsentAlike() {
        jsonPatch(DEPLOYMENT, "[{\"op\":\"test\",\"path\":\"/metadata/uid\",\"value\":null}]");
        PatchException e = Docs.fails(Patches.JSON_PATCH, DEPLOYMENT,
                "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":2.0}]", null);
        assertEquals(422, e.code());
    }
}
