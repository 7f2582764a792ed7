package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.smp;
import static io.tinykube.server.patch.TestSchemas.POD;

/** A container's {@code env} merges by {@code name}, inside a container matched by name. */
class StrategicMergePatchEnvByNameTest {

    @Test
    void setEnvChangesOneVariableAndAddsAnother() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"20"},{"name":"C","value":"3"}]}]}}""",
                POD);
        assertJson("""
                [{"name":"A","value":"1"},{"name":"B","value":"20"},{"name":"C","value":"3"}]""",
                result.at("/spec/containers/0/env"));
    }

    @Test
    void deletingAVariable() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"env\":[{\"name\":\"A\",\"$patch\":\"delete\"}]}]}}", POD);
        assertJson("[{\"name\":\"B\",\"value\":\"2\"}]", result.at("/spec/containers/0/env"));
    }

    @Test
    void switchingValueToValueFromWithNull() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"spec":{"containers":[{"name":"web","env":[{"name":"A","value":null,
                  "valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}]}}""", POD);
        assertJson("{\"name\":\"A\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"metadata.name\"}}}",
                result.at("/spec/containers/0/env/0"));
    }

    @Test
    void envOnAContainerThatHasNone() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"env\":[{\"name\":\"X\",\"value\":\"y\"}]}]}}", POD);
        assertJson("[{\"name\":\"X\",\"value\":\"y\"}]", result.at("/spec/containers/1/env"));
    }
}
