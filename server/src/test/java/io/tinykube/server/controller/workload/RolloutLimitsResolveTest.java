package io.tinykube.server.controller.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import org.junit.jupiter.api.Test;

/** maxSurge rounds up, maxUnavailable down; both 0 allow one unavailable pod; Recreate has no surge. */
class RolloutLimitsResolveTest {

    private static ObjectNode deployment(int replicas, String type, Object surge, Object unavailable) {
        ObjectNode deployment = Json.object();
        ObjectNode spec = deployment.putObject("spec").put("replicas", replicas);
        ObjectNode strategy = spec.putObject("strategy").put("type", type);
        ObjectNode rolling = strategy.putObject("rollingUpdate");
        rolling.set("maxSurge", Json.MAPPER.valueToTree(surge));
        rolling.set("maxUnavailable", Json.MAPPER.valueToTree(unavailable));
        return deployment;
    }

    @Test
    void percentagesRoundSurgeUpAndUnavailabilityDown() {
        assertEquals(new RolloutLimits(3, 2), RolloutLimits.of(deployment(10, "RollingUpdate", "25%", "25%")));
        assertEquals(new RolloutLimits(1, 0), RolloutLimits.of(deployment(1, "RollingUpdate", "25%", "25%")));
        assertEquals(new RolloutLimits(2, 1), RolloutLimits.of(deployment(6, "RollingUpdate", 2, 1)));
    }

    @Test
    void bothZeroAllowOneUnavailableAndUnavailabilityNeverExceedsReplicas() {
        assertEquals(new RolloutLimits(0, 1), RolloutLimits.of(deployment(4, "RollingUpdate", 0, "0%")));
        assertEquals(new RolloutLimits(0, 2), RolloutLimits.of(deployment(2, "RollingUpdate", 0, 5)));
        assertEquals(new RolloutLimits(0, 0), RolloutLimits.of(deployment(3, "Recreate", 1, 1)));
    }
}
