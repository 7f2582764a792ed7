package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Facts from upstream's {@code strategicpatch/patch_test.go}, replayed on the same {@code MergeItem} schema:
 * the results, element orders included, must be upstream's.
 */
class StrategicMergePatchUpstreamCasesTest {

    static List<Arguments> cases() throws IOException {
        try (InputStream in = StrategicMergePatchUpstreamCasesTest.class
                .getResourceAsStream("upstream-strategic-merge-cases.yaml")) {
            JsonNode all = Docs.YAML.readTree(in);
            List<Arguments> args = new ArrayList<>();
            for (JsonNode c : all) {
                args.add(Arguments.of(c.get("description").asText(), c));
            }
            return args;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesAsUpstream(String description, JsonNode c) {
        ObjectNode original = (ObjectNode) c.get("original");
        ObjectNode patch = (ObjectNode) c.get("patch");
        if (c.has("error")) {
            PatchException e = assertThrows(PatchException.class,
                    () -> Docs.smp(original, patch, TestSchemas.MERGE_ITEM));
            assertTrue(e.getMessage().contains(c.get("error").asText()), e.getMessage());
            assertEquals(500, e.code());
            assertEquals(PatchException.REASON_UNKNOWN, e.reason());
            return;
        }
        Docs.assertJson(c.get("result"), Docs.smp(original, patch, TestSchemas.MERGE_ITEM));
    }
}
