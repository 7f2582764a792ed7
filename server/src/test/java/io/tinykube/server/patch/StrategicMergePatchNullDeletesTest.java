package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.smp;
import static io.tinykube.server.patch.TestSchemas.POD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A null in a strategic merge patch deletes the member; nulls with nothing to delete vanish. */
class StrategicMergePatchNullDeletesTest {

    @Test
    void nullDeletesALabel() {
        ObjectNode result = smp(TestObjects.pod(), "{\"metadata\":{\"labels\":{\"tier\":null}}}", POD);
        assertJson("{\"app\":\"web\"}", result.at("/metadata/labels"));
    }

    @Test
    void nullDeletesAWholeMapOrList() {
        ObjectNode result = smp(TestObjects.pod(), "{\"metadata\":{\"labels\":null,\"finalizers\":null}}", POD);
        assertFalse(result.get("metadata").has("labels"));
        assertFalse(result.get("metadata").has("finalizers"));
        assertEquals("p", result.at("/metadata/name").asText());
    }

    @Test
    void nullsWithNothingToDeleteAreDropped() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"metadata":{"annotations":{"a":"1","b":null}},"spec":{"nodeName":null}}""", POD);
        assertJson("{\"a\":\"1\"}", result.at("/metadata/annotations"));
        assertFalse(result.get("spec").has("nodeName"));
    }

    @Test
    void nullStoredValuesAreReplaced() {
        ObjectNode result = smp(TestObjects.deployment(),
                "{\"spec\":{\"template\":{\"metadata\":{\"creationTimestamp\":{\"x\":null,\"y\":1}}}}}",
                TestSchemas.DEPLOYMENT);
        assertJson("{\"y\":1}", result.at("/spec/template/metadata/creationTimestamp"));
    }
}
