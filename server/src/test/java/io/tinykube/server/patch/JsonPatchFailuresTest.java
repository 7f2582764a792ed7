package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.jsonPatch;
import static io.tinykube.server.patch.Docs.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How a JSON patch fails, as upstream's handler answers: bodies that do not decode are 400 with
 * {@code error decoding patch: ...}; operations that do not apply are 422 Invalid with a fixed message.
 */
class JsonPatchFailuresTest {
    private static final ObjectNode POD = obj("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","resourceVersion":"7","labels":{"a":"1"}},
             "spec":{"containers":[{"name":"c","image":"x"}]}}""");

    private static PatchException unprocessable(String patch) {
        PatchException e = Docs.fails(Patches.JSON_PATCH, POD, patch, null);
        assertEquals(422, e.code());
        assertEquals(PatchException.REASON_INVALID, e.reason());
        assertEquals(PatchException.UNPROCESSABLE_MESSAGE, e.getMessage());
        assertEquals(true, e.hasDetails());
        return e;
    }

    private static PatchException badRequest(String patch) {
        PatchException e = Docs.fails(Patches.JSON_PATCH, POD, patch, null);
        assertEquals(400, e.code());
        assertEquals(PatchException.REASON_BAD_REQUEST, e.reason());
        assertEquals(false, e.hasDetails());
        return e;
    }

    @Test
    void failedTestIsUnprocessable() {
        PatchException e = unprocessable("[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"6\"},"
                + "{\"op\":\"replace\",\"path\":\"/metadata/labels\",\"value\":{}}]");
        assertEquals("testing value /metadata/resourceVersion failed: test failed", e.detail());
    }

    @Test
    void missingPathIsUnprocessable() {
        assertEquals("add operation does not apply: doc is missing path: \"/spec/nothing/here\": missing value",
                unprocessable("[{\"op\":\"add\",\"path\":\"/spec/nothing/here\",\"value\":1}]").detail());
        assertEquals("remove operation does not apply: doc is missing path: \"/status/phase\": missing value",
                unprocessable("[{\"op\":\"remove\",\"path\":\"/status/phase\"}]").detail());
        assertEquals("error in remove for path: '/metadata/annotations': "
                        + "Unable to remove nonexistent key: annotations: missing value",
                unprocessable("[{\"op\":\"remove\",\"path\":\"/metadata/annotations\"}]").detail());
        assertEquals("replace operation does not apply: doc is missing key: /spec/containers/1: missing value",
                unprocessable("[{\"op\":\"replace\",\"path\":\"/spec/containers/1\",\"value\":{}}]").detail());
        assertEquals("move operation does not apply: doc is missing from path: /x/y: missing value",
                unprocessable("[{\"op\":\"move\",\"from\":\"/x/y\",\"path\":\"/z\"}]").detail());
    }

    @Test
    void wholeDocumentPathOnlyForReplaceAndTest() {
        unprocessable("[{\"op\":\"add\",\"path\":\"\",\"value\":{}}]");
        unprocessable("[{\"op\":\"remove\",\"path\":\"\"}]");
        assertJson("{\"kind\":\"Pod\"}", jsonPatch(POD, "[{\"op\":\"replace\",\"path\":\"\",\"value\":{\"kind\":\"Pod\"}}]"));
        assertJson(POD, jsonPatch(POD, "[{\"op\":\"test\",\"path\":\"\",\"value\":" + POD + "}]"));
    }

    @Test
    void badArrayIndexesAreUnprocessable() {
        assertEquals("error in add for path: '/spec/containers/x': value was not a proper array index: 'x': "
                        + "strconv.Atoi: parsing \"x\": invalid syntax",
                unprocessable("[{\"op\":\"add\",\"path\":\"/spec/containers/x\",\"value\":{}}]").detail());
        assertEquals("error in add for path: '/spec/containers/2': Unable to access invalid index: 2: "
                        + "invalid index referenced",
                unprocessable("[{\"op\":\"add\",\"path\":\"/spec/containers/2\",\"value\":{}}]").detail());
    }

    @Test
    void unknownOrMissingOperationIsUnprocessable() {
        assertEquals("Unexpected kind: frobnicate", unprocessable("[{\"op\":\"frobnicate\",\"path\":\"/a\"}]").detail());
        assertEquals("Unexpected kind: unknown", unprocessable("[{\"path\":\"/a\"}]").detail());
        assertEquals("Unexpected kind: unknown", unprocessable("[null]").detail());
        assertEquals("add operation failed to decode path: missing value", unprocessable("[{\"op\":\"add\"}]").detail());
    }

    @Test
    void copyIsLimitedTo3MiB() {
        ObjectNode big = obj("{\"a\":\"" + "x".repeat(1024 * 1024) + "\"}");
        String patch = "[{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/b\"},{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/c\"},"
                + "{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/d\"}]";
        PatchException e = Docs.fails(Patches.JSON_PATCH, big, patch, null);
        assertEquals(422, e.code());
        assertEquals("Unable to complete the copy, the accumulated size increase of copy is 3145734, "
                + "exceeding the limit 3145728", e.detail());
    }

    @Test
    void bodiesThatDoNotDecodeAreBadRequests() {
        assertEquals("error decoding patch: invalid character 'o' in literal null (expecting 'u')",
                badRequest("not json").getMessage());
        assertEquals("error decoding patch: unexpected end of JSON input", badRequest("").getMessage());
        assertEquals("error decoding patch: unexpected end of JSON input", badRequest("[{\"op\":").getMessage());
        assertEquals("error decoding patch: json: cannot unmarshal object into Go value of type "
                + "[]handlers.jsonPatchOp", badRequest("{\"op\":\"add\"}").getMessage());
        assertEquals("error decoding patch: json: cannot unmarshal number into Go value of type "
                + "handlers.jsonPatchOp", badRequest("[1]").getMessage());
        assertEquals("error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op "
                + "of type string", badRequest("[{\"op\":1,\"path\":\"/a\"}]").getMessage());
        assertEquals("error decoding patch: json: cannot unmarshal array into Go struct field jsonPatchOp.path "
                + "of type string", badRequest("[{\"op\":\"add\",\"path\":[\"a\"]}]").getMessage());
    }

    @Test
    void moreThanTenThousandOperationsIsTooLarge() {
        String op = "{\"op\":\"test\",\"path\":\"/kind\",\"value\":\"Pod\"}";
        String patch = "[" + (op + ",").repeat(10000) + op + "]";
        PatchException e = Docs.fails(Patches.JSON_PATCH, POD, patch, null);
        assertEquals(413, e.code());
        assertEquals(PatchException.REASON_REQUEST_ENTITY_TOO_LARGE, e.reason());
        assertEquals("Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001",
                e.getMessage());
        jsonPatch(POD, "[" + (op + ",").repeat(9999) + op + "]");
    }

    @Test
    void nullBodyChangesNothing() {
        assertJson(POD, jsonPatch(POD, "null"));
        assertJson(POD, jsonPatch(POD, "[]"));
    }
}
