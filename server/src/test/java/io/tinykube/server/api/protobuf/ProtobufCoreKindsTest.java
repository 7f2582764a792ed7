package io.tinykube.server.api.protobuf;

import static io.tinykube.server.api.protobuf.KubeProtoBodies.body;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.gogoMeta;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;

/** Namespace, ConfigMap and Secret, the core kinds kubectl creates with a protobuf body. */
class ProtobufCoreKindsTest {
    @Test
    void namespace() {
        V1.Namespace namespace = V1.Namespace.newBuilder()
                .setMetadata(gogoMeta("team-a"))
                .setSpec(V1.NamespaceSpec.getDefaultInstance())
                .setStatus(V1.NamespaceStatus.newBuilder().setPhase(""))
                .build();
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team-a\"},"
                + "\"spec\":{},\"status\":{}}", json(body("v1", "Namespace", namespace)));
    }

    @Test
    void configMapWithDataSortedByKeyAndBinaryData() {
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
                .setMetadata(gogoMeta("settings").setNamespace("team-a"))
                .putData("zeta", "last")
                .putData("alpha", "first")
                .putData("empty", "")
                .putBinaryData("logo", ByteString.copyFrom(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .build();
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"name\":\"settings\",\"namespace\":\"team-a\"},"
                + "\"data\":{\"alpha\":\"first\",\"empty\":\"\",\"zeta\":\"last\"},"
                + "\"binaryData\":{\"logo\":\"iVBORw==\"}}", json(body("v1", "ConfigMap", configMap)));
    }

    @Test
    void secretWithBinaryDataAsBase64() {
        V1.Secret secret = V1.Secret.newBuilder()
                .setMetadata(gogoMeta("creds"))
                .putData("key", ByteString.copyFrom(new byte[] {0, 1, (byte) 0xff, (byte) 0xfe}))
                .putData("user", ByteString.copyFromUtf8("admin"))
                .putData("none", ByteString.EMPTY)
                .setType("Opaque")
                .build();
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"creds\"},"
                + "\"data\":{\"key\":\"AAH//g==\",\"none\":\"\",\"user\":\"YWRtaW4=\"},\"type\":\"Opaque\"}",
                json(body("v1", "Secret", secret)));
    }
}
