package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.smp;
import static io.tinykube.server.patch.TestSchemas.POD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Container ports merge by {@code containerPort}, Service ports by {@code port}: numeric merge keys. */
class StrategicMergePatchPortsByContainerPortTest {

    @Test
    void namingAnExistingPortMergesIntoIt() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"ports\":[{\"containerPort\":443,\"name\":\"https\"}]}]}}",
                POD);
        assertJson("""
                [{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"TCP","name":"https"}]""",
                result.at("/spec/containers/0/ports"));
    }

    @Test
    void aNewPortAndADeletedPort() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"spec":{"containers":[{"name":"web","ports":[{"containerPort":8080},
                  {"containerPort":80,"$patch":"delete"}]}]}}""", POD);
        assertJson("[{\"containerPort\":8080},{\"containerPort\":443,\"protocol\":\"TCP\"}]",
                result.at("/spec/containers/0/ports"));
    }

    @Test
    void aFloatKeyIsNotTheSameAsAnIntegerKey() {
        // Go compares the merge key values as interface values: int64 80 and float64 80 differ.
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"ports\":[{\"containerPort\":80.0,\"name\":\"f\"}]}]}}", POD);
        assertEquals(3, result.at("/spec/containers/0/ports").size());
    }

    @Test
    void servicePortsMergeByPort() {
        ObjectNode result = smp(TestObjects.service(), """
                {"spec":{"ports":[{"port":80,"targetPort":"9090"},{"port":443,"name":"https","targetPort":"8443"}]}}""",
                TestSchemas.SERVICE);
        assertJson("""
                [{"name":"http","port":80,"targetPort":"9090","protocol":"TCP"},
                 {"port":443,"name":"https","targetPort":"8443"}]""", result.at("/spec/ports"));
        assertEquals("10.0.0.10", result.at("/spec/clusterIP").asText());
    }
}
