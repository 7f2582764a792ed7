package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.tinykube.server.patch.TestSchemas.POD;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and hostile bodies fail with a {@link PatchException} carrying upstream's code and message, never
 * another exception, and never touch the stored object.
 */
class HostilePatchBodiesTest {
    private static final String SMP = Patches.STRATEGIC_MERGE_PATCH;

    private static PatchException fails(String type, String body) {
        return Docs.fails(type, TestObjects.pod(), body, POD);
    }

    @ParameterizedTest
    @ValueSource(strings = {Patches.JSON_PATCH, Patches.MERGE_PATCH, Patches.STRATEGIC_MERGE_PATCH})
    void notJson(String type) {
        String prefix = type.equals(SMP) ? "" : "error decoding patch: ";
        assertEquals(prefix + "invalid character '<' looking for beginning of value", fails(type, "<xml/>").getMessage());
        assertEquals(prefix + "unexpected end of JSON input", fails(type, "").getMessage());
        assertEquals(prefix + "unexpected end of JSON input", fails(type, "  \n").getMessage());
        assertEquals(prefix + "invalid character 'x' after top-level value", fails(type, "{} x").getMessage());
        assertEquals(prefix + "invalid character 'ï' looking for beginning of value",
                Docs.fails(type, TestObjects.pod(), "\uFEFF{}".getBytes(StandardCharsets.UTF_8), POD).getMessage());
        assertEquals(400, fails(type, "{'a':1}").code());
    }

    @ParameterizedTest
    @ValueSource(strings = {Patches.MERGE_PATCH, Patches.STRATEGIC_MERGE_PATCH})
    void anArrayWhereAnObjectIsExpected(String type) {
        String prefix = type.equals(SMP) ? "" : "error decoding patch: ";
        PatchException e = fails(type, "[{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]");
        assertEquals(400, e.code());
        assertEquals(PatchException.REASON_BAD_REQUEST, e.reason());
        assertEquals(prefix + "json: cannot unmarshal array into Go value of type map[string]interface {}",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {Patches.JSON_PATCH, Patches.MERGE_PATCH, Patches.STRATEGIC_MERGE_PATCH})
    void deepNestingIsRefusedWithoutOverflowingTheStack(String type) {
        String prefix = type.equals(SMP) ? "" : "error decoding patch: ";
        String arrays = "[".repeat(200_000);
        assertEquals(prefix + "invalid character '[' exceeded max depth", fails(type, arrays).getMessage());
        String objects = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
        assertEquals(prefix + "invalid character '{' exceeded max depth", fails(type, objects).getMessage());
    }

    @Test
    void nestingWithinTheLimitIsAccepted() {
        int depth = GoJson.MAX_DEPTH - 1;
        String deep = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        ObjectNode result = Docs.merge(TestObjects.pod(), "{\"spec\":" + deep + "}");
        assertEquals(GoJson.MAX_DEPTH, GoValues.depth(result));
        // What tinykube stores is written and read back by Jackson, whose default limit is the same.
        String written = assertDoesNotThrow(() -> Docs.JSON.writeValueAsString(result));
        assertDoesNotThrow(() -> Docs.JSON.readTree(written));
    }

    @Test
    void jsonPatchCannotNestBeyondTheLimit() {
        // The body is within the limit; copying the value one level deeper would not be.
        int depth = GoJson.MAX_DEPTH - 2;
        String value = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        PatchException e = Docs.fails(Patches.JSON_PATCH, TestObjects.pod(),
                "[{\"op\":\"add\",\"path\":\"/spec/deep\",\"value\":" + value + "},"
                        + "{\"op\":\"copy\",\"from\":\"/spec/deep\",\"path\":\"/spec/deep/b\"}]", POD);
        assertEquals(422, e.code());
        assertTrue(e.detail().contains("nested deeper than 1000"), e.detail());
    }

    @Test
    void numbersBeyondFloat64() {
        assertEquals("json: cannot unmarshal number 1e999 into Go value of type float64",
                fails(SMP, "{\"spec\":{\"x\":1e999}}").getMessage());
        ObjectNode big = Docs.smp(TestObjects.pod(), "{\"spec\":{\"x\":123456789012345678901234567890}}", POD);
        assertTrue(big.at("/spec/x").isDouble());
        // Go reports what it meets first: a top-level type error before the number; a JSON patch decodes
        // numbers only in "value".
        assertEquals("json: cannot unmarshal array into Go value of type map[string]interface {}",
                fails(SMP, "[1e999]").getMessage());
        assertEquals("error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string",
                fails(Patches.JSON_PATCH, "[{\"op\":1,\"value\":1e999}]").getMessage());
        assertEquals("error decoding patch: json: cannot unmarshal number 1e999 into Go value of type float64",
                fails(Patches.JSON_PATCH, "[{\"value\":[1e999],\"op\":1}]").getMessage());
        Docs.jsonPatch(TestObjects.pod(), "[{\"op\":\"test\",\"path\":\"/kind\",\"value\":\"Pod\",\"x\":1e999}]");
    }

    @Test
    void largeListsMergeInLinearTime() {
        // Upstream's list algorithms are quadratic; a 3 MiB body must not hold a thread for minutes.
        int n = 20_000;
        ObjectNode pod = TestObjects.pod();
        com.fasterxml.jackson.databind.node.ArrayNode env =
                (com.fasterxml.jackson.databind.node.ArrayNode) pod.at("/spec/containers/0/env");
        for (int i = 0; i < n; i++) {
            env.addObject().put("name", "E" + i).put("value", "v");
        }
        StringBuilder order = new StringBuilder();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < n; i++) {
            order.append(i == 0 ? "" : ",").append("{\"name\":\"N").append(i).append("\"}");
            items.append(i == 0 ? "" : ",").append("{\"name\":\"N").append(i).append("\",\"value\":\"x\"}");
            items.append(",{\"$patch\":\"delete\",\"name\":\"E").append(i).append("\"}");
        }
        String patch = "{\"spec\":{\"containers\":[{\"name\":\"web\",\"$setElementOrder/env\":[" + order
                + "],\"env\":[" + items + "]}]}}";
        ObjectNode result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> Docs.smp(pod, patch, POD));
        assertEquals(n + 2, result.at("/spec/containers/0/env").size());
        assertEquals("A", result.at("/spec/containers/0/env/0/name").asText());
        assertEquals("N0", result.at("/spec/containers/0/env/2/name").asText());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        byte[] body = "{\"metadata\":{\"labels\":{\"x\":\"a?b\"}}}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 6] = (byte) 0xff;
        ObjectNode result = Patches.apply(SMP, TestObjects.pod(), body, POD);
        assertEquals("a\uFFFDb", result.at("/metadata/labels/x").asText());
    }

    @Test
    void badDirectivesFailWithUpstreamsCodes() {
        assertEquals(400, fails(SMP, "{\"metadata\":{\"$retainKeys\":{\"a\":1}}}").code());
        assertEquals("invalid patch format of setElementOrder list",
                fails(SMP, "{\"spec\":{\"$setElementOrderX/containers\":[]}}").getMessage());
        PatchException notAList = fails(SMP, "{\"spec\":{\"$setElementOrder/containers\":{\"name\":\"web\"}}}");
        assertEquals(500, notAList.code());
        assertEquals("expected a []interface {}, but received a map[string]interface {}", notAList.getMessage());
    }

    @Test
    void listShapesUpstreamRefuses() {
        ObjectNode noFinalizers = TestObjects.pod();
        ((ObjectNode) noFinalizers.get("metadata")).putArray("finalizers");
        PatchException lists = Docs.fails(SMP, noFinalizers, "{\"metadata\":{\"finalizers\":[[\"a\"]]}}", POD);
        assertEquals(422, lists.code());
        assertEquals(PatchException.UNPROCESSABLE_MESSAGE, lists.getMessage());
        assertEquals("lists of lists are not supported", lists.detail());

        PatchException mixed = fails(SMP, "{\"metadata\":{\"finalizers\":[1]}}");
        assertEquals(500, mixed.code());
        assertEquals("list element types are not identical: [[example.com/a example.com/b] [1]]", mixed.getMessage());

        PatchException notMaps = fails(SMP, "{\"spec\":{\"containers\":[\"web\"]}}");
        assertEquals(500, notMaps.code());
        assertTrue(notMaps.getMessage().startsWith("list element types are not identical"), notMaps.getMessage());
    }

    @Test
    void inputsThatMakeUpstreamPanic() {
        PatchException nullAfterMaps = fails(SMP, "{\"spec\":{\"containers\":[null]}}");
        assertEquals(500, nullAfterMaps.code());
        assertTrue(nullAfterMaps.getMessage().startsWith("list element types are not identical: [[map[args:[--a --b]"),
                nullAfterMaps.getMessage());
        assertTrue(nullAfterMaps.getMessage().endsWith("] [<nil>]]"), nullAfterMaps.getMessage());

        // A nil first element makes upstream's sliceElementType dereference a nil reflect.Type.
        ObjectNode emptyInit = TestObjects.pod();
        ((ObjectNode) emptyInit.get("spec")).putArray("initContainers");
        PatchException nullItem = Docs.fails(SMP, emptyInit, "{\"spec\":{\"initContainers\":[null]}}", POD);
        assertEquals(500, nullItem.code());
        assertTrue(nullItem.isPanic());
        assertEquals(PatchException.PANIC_MESSAGE, nullItem.getMessage());

        PatchException mapKey = fails(SMP, "{\"spec\":{\"containers\":[{\"name\":{\"a\":1}}]}}");
        assertTrue(mapKey.isPanic());
        assertEquals("runtime error: comparing uncomparable type map[string]interface {}", mapKey.detail());
    }

    @Test
    void hugeButFlatBodiesWork() {
        StringBuilder labels = new StringBuilder("{\"metadata\":{\"labels\":{");
        for (int i = 0; i < 20_000; i++) {
            labels.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        ObjectNode result = Docs.smp(TestObjects.pod(), labels.append("}}}").toString(), POD);
        assertEquals(20_002, result.at("/metadata/labels").size());
    }
}
