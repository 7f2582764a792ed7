package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Patches#apply} picks the engine by content type, as upstream's handler does. */
class PatchesDispatchTest {
    private static final String BODY = "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}";

    @Test
    void parametersAfterASemicolonAreIgnored() {
        ObjectNode result = Patches.apply("application/merge-patch+json; charset=utf-8", TestObjects.pod(), bytes(BODY), null);
        assertEquals("y", result.at("/metadata/labels/x").asText());
    }

    @Test
    void eachTypeReachesItsEngine() {
        String listPatch = "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"i\"}]}}";
        assertEquals(2, Patches.apply(Patches.STRATEGIC_MERGE_PATCH, TestObjects.pod(), bytes(listPatch), TestSchemas.POD)
                .at("/spec/containers").size());
        assertEquals(1, Patches.apply(Patches.MERGE_PATCH, TestObjects.pod(), bytes(listPatch), TestSchemas.POD)
                .at("/spec/containers").size());
        assertEquals("i", Patches.apply(Patches.JSON_PATCH, TestObjects.pod(),
                        bytes("[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"i\"}]"), null)
                .at("/spec/containers/0/image").asText());
    }

    @Test
    void serverSideApplyIsNotHandledHere() {
        assertThrows(UnsupportedOperationException.class,
                () -> Patches.apply(Patches.APPLY_PATCH_YAML, TestObjects.pod(), bytes(BODY), null));
        assertThrows(UnsupportedOperationException.class,
                () -> Patches.apply("application/apply-patch+yaml;charset=utf-8", TestObjects.pod(), bytes(BODY), null));
    }

    @Test
    void otherTypesAreUnsupportedMediaTypes() {
        for (String type : new String[] {"application/json", "Application/Merge-Patch+JSON", "", null}) {
            PatchException e = assertThrows(PatchException.class,
                    () -> Patches.apply(type, TestObjects.pod(), bytes(BODY), null));
            assertEquals(415, e.code());
            assertEquals("UnsupportedMediaType", e.reason());
            assertEquals("the body of the request was in an unknown format - accepted media types include: "
                    + "application/json-patch+json, application/merge-patch+json, "
                    + "application/strategic-merge-patch+json, application/apply-patch+yaml", e.getMessage());
        }
    }

    @Test
    void theCurrentObjectIsNeverModified() {
        ObjectNode pod = TestObjects.pod();
        Patches.apply(Patches.STRATEGIC_MERGE_PATCH, pod, bytes("{\"$patch\":\"replace\",\"kind\":\"Pod\"}"), TestSchemas.POD);
        Patches.apply(Patches.STRATEGIC_MERGE_PATCH, pod, bytes("{\"spec\":{\"containers\":[{\"name\":\"web\",\"env\":[{\"name\":\"A\",\"$patch\":\"delete\"}]}]}}"), TestSchemas.POD);
        Patches.apply(Patches.MERGE_PATCH, pod, bytes("{\"metadata\":null}"), null);
        Patches.apply(Patches.JSON_PATCH, pod, bytes("[{\"op\":\"remove\",\"path\":\"/spec/containers/0/env/0\"}]"), null);
        Docs.assertJson(TestObjects.pod(), pod);
    }
}
