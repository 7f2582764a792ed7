package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.smp;
import static io.tinykube.server.patch.TestSchemas.POD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code spec.containers} merges by {@code name} (patchStrategy merge, patchMergeKey name). */
class StrategicMergePatchContainersByNameTest {

    @Test
    void changingTheImageOfOneContainerKeepsEverythingElse() {
        ObjectNode pod = TestObjects.pod();
        ObjectNode result = smp(pod, "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.26\"}]}}", POD);
        ObjectNode expected = TestObjects.pod();
        ((ObjectNode) expected.at("/spec/containers/0")).put("image", "nginx:1.26");
        assertJson(expected, result);
        assertJson(TestObjects.pod(), pod);
    }

    @Test
    void changingTheSecondContainerKeepsTheOrder() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"busybox:2\"}]}}", POD);
        assertEquals("web", result.at("/spec/containers/0/name").asText());
        assertEquals("busybox:2", result.at("/spec/containers/1/image").asText());
        assertJson("[\"sleep\",\"3600\"]", result.at("/spec/containers/1/command"));
    }

    @Test
    void addingAContainerWithoutOrderPutsItFirst() {
        // Upstream's normalizeElementOrder puts patch items not found in the live list before server-only items.
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"metrics\",\"image\":\"prom\"}]}}", POD);
        assertEquals(3, result.at("/spec/containers").size());
        assertEquals("metrics", result.at("/spec/containers/0/name").asText());
        assertEquals("web", result.at("/spec/containers/1/name").asText());
        assertEquals("sidecar", result.at("/spec/containers/2/name").asText());
    }

    @Test
    void deleteDirectiveRemovesOneContainer() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]}}", POD);
        assertEquals(1, result.at("/spec/containers").size());
        assertEquals("web", result.at("/spec/containers/0/name").asText());
    }

    @Test
    void addChangeAndDeleteTogether() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"spec":{"containers":[{"name":"web","image":"nginx:1.27"},{"name":"new","image":"x"},
                                       {"name":"sidecar","$patch":"delete"}]}}""", POD);
        assertJson("[\"web\",\"new\"]", Docs.json(names(result)));
        assertEquals("nginx:1.27", result.at("/spec/containers/0/image").asText());
        assertJson("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"}]",
                result.at("/spec/containers/0/env"));
    }

    @Test
    void setImageAsKubectlSendsIt() {
        ObjectNode deployment = TestObjects.deployment();
        ObjectNode result = smp(deployment,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"nginx:1.26\",\"name\":\"web\"}]}}}}",
                TestSchemas.DEPLOYMENT);
        assertEquals("nginx:1.26", result.at("/spec/template/spec/containers/0/image").asText());
        assertEquals(1, result.at("/spec/template/spec/containers").size());
    }

    private static String names(ObjectNode pod) {
        StringBuilder out = new StringBuilder("[");
        pod.at("/spec/containers").forEach(c -> out.append(out.length() > 1 ? "," : "")
                .append('"').append(c.get("name").asText()).append('"'));
        return out.append(']').toString();
    }
}
