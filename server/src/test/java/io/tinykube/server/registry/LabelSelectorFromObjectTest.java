package io.tinykube.server.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Structured selectors (metav1.LabelSelector, node selector requirements) compiled to {@link LabelSelector}. */
class LabelSelectorFromObjectTest {

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void nullSelectsNothingAndEmptySelectsEverything() {
        assertFalse(LabelSelector.fromObject(null).matches(Map.of("app", "web")));
        assertTrue(LabelSelector.fromObject(json("{}")).matches(Map.of()));
    }

    @Test
    void matchLabelsAndExpressionsMustAllHold() {
        LabelSelector selector = LabelSelector.fromObject(json("""
                {"matchLabels": {"app": "web"},
                 "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]},
                                      {"key": "canary", "operator": "DoesNotExist"}]}
                """));
        assertTrue(selector.matches(Map.of("app", "web", "tier", "b")));
        assertFalse(selector.matches(Map.of("app", "web", "tier", "c")));
        assertFalse(selector.matches(Map.of("app", "web", "tier", "a", "canary", "yes")));
    }

    @Test
    void numericOperatorsOnlyInNodeSelectorRequirements() {
        JsonNode gt = json("[{\"key\": \"cores\", \"operator\": \"Gt\", \"values\": [\"4\"]}]");
        assertTrue(LabelSelector.fromExpressions(gt).matches(Map.of("cores", "8")));
        assertFalse(LabelSelector.fromExpressions(gt).matches(Map.of("cores", "4")));
        assertFalse(LabelSelector.fromExpressions(gt).matches(Map.of("cores", "many")));
        assertFalse(LabelSelector.fromObject(json("{\"matchExpressions\": " + gt + "}")).matches(Map.of("cores", "8")));
    }

    @Test
    void unknownOperatorSelectsNothing() {
        JsonNode odd = json("[{\"key\": \"a\", \"operator\": \"Near\", \"values\": [\"b\"]}]");
        assertFalse(LabelSelector.fromExpressions(odd).matches(Map.of("a", "b")));
    }
}
