package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.schema.FieldSchema;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.json;
import static io.tinykube.server.patch.Docs.smp;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Without schema knowledge a strategic merge patch behaves as a JSON merge patch: maps merge, lists are
 * replaced, null deletes (upstream's behaviour for a nil OpenAPI schema). Directives still work.
 */
class StrategicMergePatchUnknownSchemaTest {
    private static final String PATCH = """
            {"metadata":{"labels":{"tier":null,"env":"prod"}},
             "spec":{"containers":[{"name":"web","image":"nginx:1.26"}],"restartPolicy":"Never",
                     "extra":{"a":{"b":1}}}}""";

    @Test
    void unknownSchemaMergesLikeAMergePatch() {
        ObjectNode pod = TestObjects.pod();
        ObjectNode viaSmp = smp(pod, PATCH, FieldSchema.UNKNOWN);
        ObjectNode viaMerge = Docs.merge(pod, PATCH);
        assertJson(viaMerge, viaSmp);
        assertJson("[{\"name\":\"web\",\"image\":\"nginx:1.26\"}]", viaSmp.at("/spec/containers"));
        assertJson("{\"app\":\"web\",\"env\":\"prod\"}", viaSmp.at("/metadata/labels"));
    }

    @Test
    void nullSchemaIsUnknown() {
        assertJson(smp(TestObjects.pod(), PATCH, FieldSchema.UNKNOWN), smp(TestObjects.pod(), PATCH, null));
    }

    @Test
    void fieldsTheSchemaDoesNotKnowMergeLikeAMergePatch() {
        ObjectNode pod = TestObjects.pod();
        ((ObjectNode) pod.get("spec")).set("custom", json("{\"list\":[1,2],\"map\":{\"a\":1}}"));
        ObjectNode result = smp(pod, "{\"spec\":{\"custom\":{\"list\":[3],\"map\":{\"b\":2}}}}", TestSchemas.POD);
        assertJson("{\"list\":[3],\"map\":{\"a\":1,\"b\":2}}", result.at("/spec/custom"));
    }

    @Test
    void directivesStillApply() {
        ObjectNode result = smp(TestObjects.pod(), "{\"metadata\":{\"labels\":{\"$patch\":\"replace\",\"x\":\"y\"}}}",
                FieldSchema.UNKNOWN);
        assertJson("{\"x\":\"y\"}", result.at("/metadata/labels"));
        assertEquals(0, smp(TestObjects.pod(), "{\"spec\":{\"$patch\":\"delete\"}}", FieldSchema.UNKNOWN)
                .get("spec").size());
    }
}
