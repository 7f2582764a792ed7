package io.tinykube.server.controller.autoscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.server.controller.autoscaling.ScalingBehavior.Normalized;
import io.tinykube.server.controller.autoscaling.ScalingBehavior.Rules;
import io.tinykube.server.json.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The default scaling behavior: up 100% or 4 pods per 15 s, down 100% per 15 s after a 300 s window, within min and max. */
class ScalingBehaviorTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final ScalingBehavior behavior = new ScalingBehavior(Duration.ofMinutes(5), clock);
    /** An empty spec.behavior: every rule defaulted. */
    private final Rules[] defaults = behavior.rules(Json.object());

    @Test
    void scaleUpIsLimitedToFourPodsOrDoublingPerPeriod() {
        behavior.recordInitial("k", 2);
        Normalized small = behavior.normalize("k", defaults, 2, 20, 1, 100);
        assertEquals(6, small.replicas()); // 2 + 4 beats 2 * 2
        assertTrue(small.limited());
        assertEquals("ScaleUpLimit", small.limitedReason());
        behavior.recordScale("k", defaults, 2, 6);
        // within the same 15 s the period started at 2: no further growth
        assertEquals(6, behavior.normalize("k", defaults, 6, 20, 1, 100).replicas());
        clock.advance(Duration.ofSeconds(16));
        assertEquals(12, behavior.normalize("k", defaults, 6, 20, 1, 100).replicas()); // 6 * 2 beats 6 + 4
    }

    @Test
    void scaleUpStopsAtMaxReplicas() {
        behavior.recordInitial("k", 3);
        Normalized normalized = behavior.normalize("k", defaults, 3, 5, 1, 4);
        assertEquals(4, normalized.replicas());
        assertEquals("TooManyReplicas", normalized.limitedReason());
        assertEquals("the desired replica count is more than the maximum replica count", normalized.limitedMessage());
    }

    @Test
    void scaleDownWaitsForTheStabilizationWindow() {
        behavior.recordInitial("k", 8);
        Normalized held = behavior.normalize("k", defaults, 8, 2, 1, 10);
        assertEquals(8, held.replicas());
        assertEquals("ScaleDownStabilized", held.ableReason());
        assertFalse(held.limited());
        clock.advance(Duration.ofSeconds(301));
        Normalized lowered = behavior.normalize("k", defaults, 8, 2, 1, 10);
        assertEquals(2, lowered.replicas());
        assertEquals("ReadyForNewScale", lowered.ableReason());
        assertEquals("DesiredWithinRange", lowered.limitedReason());
    }

    @Test
    void scaleDownStopsAtMinReplicas() {
        behavior.recordInitial("k", 4);
        clock.advance(Duration.ofSeconds(301));
        Normalized normalized = behavior.normalize("k", defaults, 4, 1, 2, 10);
        assertEquals(2, normalized.replicas());
        assertEquals("TooFewReplicas", normalized.limitedReason());
    }

    @Test
    void customPoliciesAndADisabledDirectionAreHonoured() {
        Rules[] rules = behavior.rules(Json.object().set("scaleUp", Json.object().put("selectPolicy", "Disabled")));
        behavior.recordInitial("k", 3);
        assertEquals(3, behavior.normalize("k", rules, 3, 9, 1, 10).replicas());
        Rules[] slow = behavior.rules(Json.object().set("scaleDown", Json.object().put("stabilizationWindowSeconds", 0)
                .set("policies", Json.array().add(Json.object().put("type", "Pods").put("value", 1).put("periodSeconds", 60)))));
        assertEquals(0, slow[1].stabilizationWindowSeconds());
        Normalized normalized = behavior.normalize("other", slow, 5, 1, 1, 10);
        assertEquals(4, normalized.replicas());
        assertEquals("ScaleDownLimit", normalized.limitedReason());
    }

    @Test
    void withoutBehaviorTheLegacyRulesApply() {
        behavior.recordInitial("k", 1);
        Normalized normalized = behavior.normalize("k", 1, 10, 1, 20);
        assertEquals(4, normalized.replicas()); // max(2 * 1, 4)
        assertEquals("ScaleUpLimit", normalized.limitedReason());
    }
}
