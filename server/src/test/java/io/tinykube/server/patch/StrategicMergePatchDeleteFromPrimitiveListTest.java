package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.smp;
import static io.tinykube.server.patch.TestSchemas.POD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code finalizers} (a merging list of strings): set-merge and {@code $deleteFromPrimitiveList/finalizers}. */
class StrategicMergePatchDeleteFromPrimitiveListTest {

    @Test
    void deletingAFinalizer() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"example.com/a\"]}}", POD);
        assertJson("[\"example.com/b\"]", result.at("/metadata/finalizers"));
    }

    @Test
    void deletingEveryFinalizerLeavesAnEmptyList() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"example.com/b\",\"example.com/a\",\"x\"]}}", POD);
        assertJson("[]", result.at("/metadata/finalizers"));
    }

    @Test
    void addingAFinalizerMergesAsASetAndPutsTheNewOneFirst() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"metadata\":{\"finalizers\":[\"example.com/c\",\"example.com/a\"]}}", POD);
        assertJson("[\"example.com/c\",\"example.com/a\",\"example.com/b\"]", result.at("/metadata/finalizers"));
    }

    @Test
    void applyAddingAndDeletingWithOrder() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"metadata":{"$setElementOrder/finalizers":["example.com/a","example.com/c"],
                  "$deleteFromPrimitiveList/finalizers":["example.com/b"],"finalizers":["example.com/c"]}}""", POD);
        assertJson("[\"example.com/a\",\"example.com/c\"]", result.at("/metadata/finalizers"));
    }

    @Test
    void deletingFromAnAbsentListAddsNothing() {
        ObjectNode result = smp(TestObjects.deployment(),
                "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"x\"]}}", TestSchemas.DEPLOYMENT);
        assertEquals(false, result.get("metadata").has("finalizers"));
    }

    @Test
    void aMalformedDirectiveKeyIsABadRequest() {
        PatchException e = Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.pod(),
                "{\"metadata\":{\"$deleteFromPrimitiveListfinalizers\":[\"x\"]}}", POD);
        assertEquals(400, e.code());
        assertEquals("invalid patch format of primitive list", e.getMessage());
    }
}
