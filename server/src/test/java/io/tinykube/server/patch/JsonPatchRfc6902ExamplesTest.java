package io.tinykube.server.patch;

import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.jsonPatch;
import static io.tinykube.server.patch.Docs.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The examples of RFC 6902 appendix A, through {@code application/json-patch+json}. */
class JsonPatchRfc6902ExamplesTest {

    private static PatchException fails(String doc, String patch) {
        PatchException e = Docs.fails(Patches.JSON_PATCH, obj(doc), patch, null);
        assertEquals(422, e.code());
        assertEquals("Invalid", e.reason());
        assertEquals("the server rejected our request due to an error in our request", e.getMessage());
        return e;
    }

    @Test
    void a1AddingAnObjectMember() {
        assertJson("{\"baz\":\"qux\",\"foo\":\"bar\"}",
                jsonPatch(obj("{\"foo\":\"bar\"}"), "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]"));
    }

    @Test
    void a2AddingAnArrayElement() {
        assertJson("{\"foo\":[\"bar\",\"qux\",\"baz\"]}",
                jsonPatch(obj("{\"foo\":[\"bar\",\"baz\"]}"), "[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]"));
    }

    @Test
    void a3RemovingAnObjectMember() {
        assertJson("{\"foo\":\"bar\"}",
                jsonPatch(obj("{\"baz\":\"qux\",\"foo\":\"bar\"}"), "[{\"op\":\"remove\",\"path\":\"/baz\"}]"));
    }

    @Test
    void a4RemovingAnArrayElement() {
        assertJson("{\"foo\":[\"bar\",\"baz\"]}",
                jsonPatch(obj("{\"foo\":[\"bar\",\"qux\",\"baz\"]}"), "[{\"op\":\"remove\",\"path\":\"/foo/1\"}]"));
    }

    @Test
    void a5ReplacingAValue() {
        assertJson("{\"baz\":\"boo\",\"foo\":\"bar\"}",
                jsonPatch(obj("{\"baz\":\"qux\",\"foo\":\"bar\"}"),
                        "[{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}]"));
    }

    @Test
    void a6MovingAValue() {
        assertJson("{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}",
                jsonPatch(obj("{\"foo\":{\"bar\":\"baz\",\"waldo\":\"fred\"},\"qux\":{\"corge\":\"grault\"}}"),
                        "[{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}]"));
    }

    @Test
    void a7MovingAnArrayElement() {
        assertJson("{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}",
                jsonPatch(obj("{\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]}"),
                        "[{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}]"));
    }

    @Test
    void a8TestingAValueSuccess() {
        String doc = "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}";
        assertJson(doc, jsonPatch(obj(doc),
                "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"qux\"},{\"op\":\"test\",\"path\":\"/foo/1\",\"value\":2}]"));
    }

    @Test
    void a9TestingAValueError() {
        PatchException e = fails("{\"baz\":\"qux\"}", "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"bar\"}]");
        assertEquals("testing value /baz failed: test failed", e.detail());
    }

    @Test
    void a10AddingANestedMemberObject() {
        assertJson("{\"foo\":\"bar\",\"child\":{\"grandchild\":{}}}",
                jsonPatch(obj("{\"foo\":\"bar\"}"),
                        "[{\"op\":\"add\",\"path\":\"/child\",\"value\":{\"grandchild\":{}}}]"));
    }

    @Test
    void a11IgnoringUnrecognizedElements() {
        assertJson("{\"foo\":\"bar\",\"baz\":\"qux\"}",
                jsonPatch(obj("{\"foo\":\"bar\"}"),
                        "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\",\"xyz\":123}]"));
    }

    @Test
    void a12AddingToANonexistentTarget() {
        PatchException e = fails("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/baz/bat\",\"value\":\"qux\"}]");
        assertEquals("add operation does not apply: doc is missing path: \"/baz/bat\": missing value", e.detail());
    }

    @Test
    void a13InvalidJsonPatchDocument() {
        // Go's decoder keeps the last duplicate member: the op is "remove", and /baz does not exist.
        PatchException e = fails("{\"foo\":\"bar\"}",
                "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\",\"op\":\"remove\"}]");
        assertEquals("error in remove for path: '/baz': Unable to remove nonexistent key: baz: missing value",
                e.detail());
    }

    @Test
    void a14TildeEscapeOrdering() {
        String doc = "{\"/\":9,\"~1\":10}";
        assertJson(doc, jsonPatch(obj(doc), "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":10}]"));
    }

    @Test
    void a15ComparingStringsAndNumbers() {
        fails("{\"/\":9,\"~1\":10}", "[{\"op\":\"test\",\"path\":\"/~01\",\"value\":\"10\"}]");
    }

    @Test
    void a16AddingAnArrayValue() {
        assertJson("{\"foo\":[\"bar\",[\"abc\",\"def\"]]}",
                jsonPatch(obj("{\"foo\":[\"bar\"]}"),
                        "[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":[\"abc\",\"def\"]}]"));
    }
}
