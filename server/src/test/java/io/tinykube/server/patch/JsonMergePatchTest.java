package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.merge;
import static io.tinykube.server.patch.Docs.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code application/merge-patch+json} as kubectl label, annotate and scale send it, and its edges. */
class JsonMergePatchTest {
    private static final ObjectNode POD = obj("""
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"p","labels":{"app":"web","tier":"fe"},"annotations":{"a":"1"}},
             "spec":{"containers":[{"name":"web","image":"nginx","args":["a","b"]}]}}""");

    @Test
    void labelAddsAndNullRemoves() {
        ObjectNode result = merge(POD, "{\"metadata\":{\"labels\":{\"env\":\"prod\",\"tier\":null}}}");
        assertJson("{\"app\":\"web\",\"env\":\"prod\"}", result.at("/metadata/labels"));
        assertJson(POD.get("spec"), result.get("spec"));
        assertEquals("fe", POD.at("/metadata/labels/tier").asText(), "input untouched");
    }

    @Test
    void scaleMergesSpec() {
        ObjectNode scale = obj("{\"kind\":\"Scale\",\"spec\":{\"replicas\":1},\"status\":{\"replicas\":1}}");
        assertJson("{\"kind\":\"Scale\",\"spec\":{\"replicas\":2},\"status\":{\"replicas\":1}}",
                merge(scale, "{\"spec\":{\"replicas\":2}}"));
    }

    @Test
    void listsAreReplacedWhole() {
        ObjectNode result = merge(POD, "{\"spec\":{\"containers\":[{\"name\":\"other\"}]}}");
        assertJson("[{\"name\":\"other\"}]", result.at("/spec/containers"));
    }

    @Test
    void nullsInsideNewValuesArePruned() {
        // Kubernetes' json-patch library prunes nulls from values that land where nothing was merged into,
        // including null elements of arrays.
        ObjectNode result = merge(POD, "{\"status\":{\"phase\":\"Running\",\"reason\":null,\"list\":[1,null,{\"x\":null}]}}");
        assertJson("{\"phase\":\"Running\",\"list\":[1,{}]}", result.get("status"));
        assertJson("[null]", merge(POD, "{\"metadata\":{\"labels\":[null]}}").at("/metadata/labels"));
    }

    @Test
    void emptyPatchChangesNothing() {
        assertJson(POD, merge(POD, "{}"));
    }

    @Test
    void malformedBodiesAreBadRequests() {
        PatchException e = Docs.fails(Patches.MERGE_PATCH, POD, "{\"metadata\":", null);
        assertEquals(400, e.code());
        assertEquals("error decoding patch: unexpected end of JSON input", e.getMessage());
        assertEquals("error decoding patch: invalid character '}' looking for beginning of object key string",
                Docs.fails(Patches.MERGE_PATCH, POD, "{\"a\":1,}", null).getMessage());
        assertEquals("error decoding patch: json: cannot unmarshal number into Go value of type map[string]interface {}",
                Docs.fails(Patches.MERGE_PATCH, POD, "42", null).getMessage());
    }
}
