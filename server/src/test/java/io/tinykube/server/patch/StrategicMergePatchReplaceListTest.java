package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.smp;
import static io.tinykube.server.patch.TestSchemas.POD;

/** Lists without a merge strategy ({@code args}, {@code command}, {@code tolerations}) are replaced whole. */
class StrategicMergePatchReplaceListTest {

    @Test
    void argsAreReplaced() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"args\":[\"--c\"]}]}}", POD);
        assertJson("[\"--c\"]", result.at("/spec/containers/0/args"));
    }

    @Test
    void emptyListReplacesToo() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"command\":[]}]}}", POD);
        assertJson("[]", result.at("/spec/containers/1/command"));
    }

    @Test
    void listOfObjectsWithoutStrategyIsReplaced() {
        ObjectNode pod = TestObjects.pod();
        ((ObjectNode) pod.get("spec")).set("tolerations", Docs.json("[{\"key\":\"a\"},{\"key\":\"b\"}]"));
        ObjectNode result = smp(pod, "{\"spec\":{\"tolerations\":[{\"key\":\"c\",\"effect\":\"NoSchedule\"}]}}", POD);
        assertJson("[{\"key\":\"c\",\"effect\":\"NoSchedule\"}]", result.at("/spec/tolerations"));
    }

    @Test
    void replaceDirectiveReplacesAMergingList() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"env\":[{\"$patch\":\"replace\"},{\"name\":\"Z\",\"value\":\"z\"}]}]}}",
                POD);
        assertJson("[{\"name\":\"Z\",\"value\":\"z\"}]", result.at("/spec/containers/0/env"));
    }
}
