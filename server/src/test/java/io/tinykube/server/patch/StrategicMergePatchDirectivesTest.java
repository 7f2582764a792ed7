package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.smp;
import static io.tinykube.server.patch.TestSchemas.POD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code $patch} on maps and list items, with upstream's answers to the values it does not support. */
class StrategicMergePatchDirectivesTest {

    @Test
    void replaceOnAMapReplacesIt() {
        ObjectNode result = smp(TestObjects.pod(), "{\"metadata\":{\"labels\":{\"$patch\":\"replace\",\"only\":\"me\"}}}", POD);
        assertJson("{\"only\":\"me\"}", result.at("/metadata/labels"));
    }

    @Test
    void deleteOnAMapLeavesItEmpty() {
        ObjectNode result = smp(TestObjects.pod(), "{\"metadata\":{\"labels\":{\"$patch\":\"delete\"}}}", POD);
        assertJson("{}", result.at("/metadata/labels"));
    }

    @Test
    void replaceAtTheTopReplacesTheObject() {
        ObjectNode result = smp(TestObjects.pod(), "{\"$patch\":\"replace\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}", POD);
        assertJson("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}", result);
    }

    @Test
    void deleteOnAListItemRemovesEveryMatch() {
        ObjectNode pod = TestObjects.pod();
        ((com.fasterxml.jackson.databind.node.ArrayNode) pod.at("/spec/containers/0/env"))
                .add(Docs.json("{\"name\":\"A\",\"value\":\"again\"}"));
        ObjectNode result = smp(pod,
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"env\":[{\"$patch\":\"delete\",\"name\":\"A\"}]}]}}", POD);
        assertJson("[{\"name\":\"B\",\"value\":\"2\"}]", result.at("/spec/containers/0/env"));
    }

    @Test
    void mergeOnAMapIsNotAnUpstreamDirective() {
        PatchException e = Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.pod(),
                "{\"metadata\":{\"labels\":{\"$patch\":\"merge\",\"x\":\"y\"}}}", POD);
        assertEquals(500, e.code());
        assertEquals("", e.reason());
        assertEquals("unknown patch type: merge in map: map[$patch:merge x:y]", e.getMessage());
    }

    @Test
    void mergeOnAListIsRefused() {
        PatchException e = Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"$patch\":\"merge\"}]}}", POD);
        assertEquals(500, e.code());
        assertEquals("merging lists cannot yet be specified in the patch", e.getMessage());
    }

    @Test
    void invalidValuesAreRefusedWithUpstreamsMessage() {
        assertEquals("unknown patch type: bogus in map: map[$patch:bogus name:web]",
                Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.pod(),
                        "{\"spec\":{\"containers\":[{\"name\":\"web\",\"$patch\":\"bogus\"}]}}", POD).getMessage());
        assertEquals("unknown patch type: %!s(int64=1) in map: map[$patch:1]",
                Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.pod(), "{\"spec\":{\"$patch\":1}}", POD)
                        .getMessage());
        assertEquals("unknown patch type: %!s(<nil>) in map: map[$patch:<nil> a:true]",
                Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.pod(), "{\"$patch\":null,\"a\":true}", POD)
                        .getMessage());
    }

    @Test
    void deleteWithoutTheMergeKeyIsRefused() {
        PatchException e = Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"$patch\":\"delete\",\"image\":\"x\"}]}}", POD);
        assertEquals(500, e.code());
        assertEquals("map: map[$patch:delete image:x] does not contain declared merge key: name", e.getMessage());
    }
}
