package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.smp;
import static io.tinykube.server.patch.TestSchemas.DEPLOYMENT;
import static io.tinykube.server.patch.TestSchemas.POD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code $setElementOrder/<list>} as client-side {@code kubectl apply} sends it: the list order follows the
 * directive's merge keys, live items it does not mention stay where the live list had them.
 */
class StrategicMergePatchSetElementOrderTest {
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    @Test
    void applyChangingAnImage() {
        // The shape kubectl apply (client-side) sends for an edited image.
        String patch = """
                {"metadata":{"annotations":{"%s":"{\\"apiVersion\\":\\"apps/v1\\"}\\n"}},
                 "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],
                   "containers":[{"image":"nginx:1.26","name":"web"}]}}}}""".formatted(LAST_APPLIED);
        ObjectNode result = smp(TestObjects.deployment(), patch, DEPLOYMENT);
        assertEquals("nginx:1.26", result.at("/spec/template/spec/containers/0/image").asText());
        assertEquals(1, result.at("/spec/template/spec/containers").size());
        assertEquals("{\"apiVersion\":\"apps/v1\"}\n", result.at("/metadata/annotations").get(LAST_APPLIED).asText());
        assertEquals("1", result.at("/metadata/annotations").get("deployment.kubernetes.io/revision").asText());
        assertEquals(false, result.at("/spec/template/spec").has("$setElementOrder/containers"));
    }

    @Test
    void applyAddingAContainerInTheMiddle() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"metrics"},{"name":"sidecar"}],
                  "containers":[{"image":"prom","name":"metrics"}]}}""", POD);
        assertJson("[\"web\",\"metrics\",\"sidecar\"]", names(result));
    }

    @Test
    void applyRemovingAContainer() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"spec":{"$setElementOrder/containers":[{"name":"sidecar"}],
                  "containers":[{"$patch":"delete","name":"web"}]}}""", POD);
        assertJson("[\"sidecar\"]", names(result));
    }

    @Test
    void reorderingOnly() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"sidecar\"},{\"name\":\"web\"}]}}", POD);
        assertJson("[\"sidecar\",\"web\"]", names(result));
        assertEquals("nginx:1.25", result.at("/spec/containers/1/image").asText());
    }

    @Test
    void serverOnlyItemsKeepTheirPlace() {
        ObjectNode pod = TestObjects.pod();
        ((com.fasterxml.jackson.databind.node.ArrayNode) pod.at("/spec/containers"))
                .insert(1, Docs.json("{\"name\":\"injected\",\"image\":\"mesh\"}"));
        ObjectNode result = smp(pod, """
                {"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
                  "containers":[{"image":"nginx:1.26","name":"web"}]}}""", POD);
        assertJson("[\"web\",\"injected\",\"sidecar\"]", names(result));
    }

    @Test
    void nestedOrderForEnvInsideAContainer() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
                  "containers":[{"$setElementOrder/env":[{"name":"C"},{"name":"B"},{"name":"A"}],
                    "env":[{"name":"C","value":"3"}],"name":"web"}]}}""", POD);
        assertJson("[{\"name\":\"C\",\"value\":\"3\"},{\"name\":\"B\",\"value\":\"2\"},{\"name\":\"A\",\"value\":\"1\"}]",
                result.at("/spec/containers/0/env"));
    }

    @Test
    void orderOfAPrimitiveList() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"metadata":{"$setElementOrder/finalizers":["example.com/b","example.com/c","example.com/a"],
                  "finalizers":["example.com/c"]}}""", POD);
        assertJson("[\"example.com/b\",\"example.com/c\",\"example.com/a\"]", result.at("/metadata/finalizers"));
    }

    @Test
    void patchListMustFollowTheOrder() {
        PatchException e = Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.pod(), """
                {"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
                  "containers":[{"name":"sidecar","image":"a"},{"name":"web","image":"b"}]}}""", POD);
        assertEquals(500, e.code());
        assertEquals("", e.reason());
        assertEquals("The order in patch list:\n[map[image:a name:sidecar] map[image:b name:web]]\n"
                + " doesn't match $setElementOrder list:\n[map[name:web] map[name:sidecar]]\n", e.getMessage());
    }

    private static com.fasterxml.jackson.databind.JsonNode names(ObjectNode pod) {
        com.fasterxml.jackson.databind.node.ArrayNode out = Docs.JSON.createArrayNode();
        pod.at("/spec/containers").forEach(c -> out.add(c.get("name").asText()));
        return out;
    }
}
