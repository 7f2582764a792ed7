package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.smp;
import static io.tinykube.server.patch.TestSchemas.DEPLOYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code $retainKeys}: a Deployment's {@code strategy} (patchStrategy retainKeys) switched as kubectl apply does. */
class StrategicMergePatchRetainKeysTest {

    @Test
    void rollingUpdateToRecreateClearsTheDefaultedRollingUpdate() {
        ObjectNode result = smp(TestObjects.deployment(),
                "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"type\":\"Recreate\"}}}", DEPLOYMENT);
        assertJson("{\"type\":\"Recreate\"}", result.at("/spec/strategy"));
        assertEquals(1, result.at("/spec/replicas").asInt());
    }

    @Test
    void rollingUpdateToRecreateWithTheDeletionKubectlAddsWhenItWasApplied() {
        ObjectNode result = smp(TestObjects.deployment(),
                "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"rollingUpdate\":null,\"type\":\"Recreate\"}}}",
                DEPLOYMENT);
        assertJson("{\"type\":\"Recreate\"}", result.at("/spec/strategy"));
    }

    @Test
    void withoutTheDirectiveTheOtherMemberStays() {
        // A plain merge keeps rollingUpdate, which validation would then reject: the reason for $retainKeys.
        ObjectNode result = smp(TestObjects.deployment(), "{\"spec\":{\"strategy\":{\"type\":\"Recreate\"}}}", DEPLOYMENT);
        assertEquals("25%", result.at("/spec/strategy/rollingUpdate/maxSurge").asText());
    }

    @Test
    void keepsListedKeysAndMergesIntoThem() {
        ObjectNode result = smp(TestObjects.deployment(), """
                {"spec":{"strategy":{"$retainKeys":["rollingUpdate","type"],"rollingUpdate":{"maxSurge":"1"}}}}""",
                DEPLOYMENT);
        assertJson("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":\"1\",\"maxUnavailable\":\"25%\"}}",
                result.at("/spec/strategy"));
    }

    @Test
    void aPatchedKeyMissingFromTheListIsABadRequest() {
        PatchException e = Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.deployment(),
                "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"rollingUpdate\":{\"maxSurge\":\"1\"}}}}", DEPLOYMENT);
        assertEquals(400, e.code());
        assertEquals("invalid patch format of retainKeys", e.getMessage());
        PatchException notAList = Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.deployment(),
                "{\"spec\":{\"strategy\":{\"$retainKeys\":\"type\",\"type\":\"Recreate\"}}}", DEPLOYMENT);
        assertEquals(400, notAList.code());
        assertEquals("invalid patch format of retainKeys", notAList.getMessage());
    }
}
