package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.smp;
import static io.tinykube.server.patch.TestSchemas.POD;

/** {@code volumeMounts} merge by {@code mountPath}, not by name; {@code volumes} by name. */
class StrategicMergePatchVolumeMountsByMountPathTest {

    @Test
    void sameNameOtherPathIsAnotherMount() {
        ObjectNode result = smp(TestObjects.pod(), """
                {"spec":{"containers":[{"name":"web","volumeMounts":[{"name":"data","mountPath":"/backup"},
                  {"mountPath":"/etc/cfg","readOnly":false}]}]}}""", POD);
        assertJson("""
                [{"name":"data","mountPath":"/backup"},{"name":"data","mountPath":"/data"},
                 {"name":"cfg","mountPath":"/etc/cfg","readOnly":false}]""",
                result.at("/spec/containers/0/volumeMounts"));
    }

    @Test
    void deletingAMountByPath() {
        ObjectNode result = smp(TestObjects.pod(),
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"volumeMounts\":[{\"mountPath\":\"/data\",\"$patch\":\"delete\"}]}]}}",
                POD);
        assertJson("[{\"name\":\"cfg\",\"mountPath\":\"/etc/cfg\",\"readOnly\":true}]",
                result.at("/spec/containers/0/volumeMounts"));
    }

    @Test
    void volumesMergeByNameAndRetainKeysSwitchesTheSource() {
        // kubectl sends $retainKeys for volumes (patchStrategy merge,retainKeys) when a volume changes source.
        ObjectNode result = smp(TestObjects.pod(), """
                {"spec":{"volumes":[{"$retainKeys":["name","secret"],"name":"cfg","secret":{"secretName":"s"}}]}}""",
                POD);
        assertJson("[{\"name\":\"data\",\"emptyDir\":{}},{\"name\":\"cfg\",\"secret\":{\"secretName\":\"s\"}}]",
                result.at("/spec/volumes"));
    }
}
