package io.tinykube.server.api.protobuf;

import static io.tinykube.server.api.protobuf.KubeProtoBodies.body;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.gogoMeta;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.resource;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.unknown;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.withMagic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bodies that are not valid protobuf objects fail with a ProtobufBodyException and a clear message, never else. */
class ProtobufHostileInputTest {
    private static final List<String> CAPTURES = List.of("create-namespace", "create-deployment", "create-configmap",
            "create-secret-generic", "create-service-clusterip", "create-job", "create-cronjob", "create-token",
            "auth-can-i", "auth-whoami", "drain-delete-pod");

    private static String failure(byte[] body) {
        return assertThrows(ProtobufBodyException.class, () -> ProtobufBodies.decode(body)).getMessage();
    }

    /** Decodes, or fails with a ProtobufBodyException: any other exception fails the test. */
    private static ObjectNode decodeOrRefuse(byte[] body) {
        try {
            return ProtobufBodies.decode(body);
        } catch (ProtobufBodyException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            return null;
        }
    }

    private static byte[] capture(String name) {
        return resource("kubectl-1.33/" + name + ".bin");
    }

    @Test
    void wrongMagic() {
        String expected = "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]";
        assertEquals(expected, failure("{\"kind\":\"Namespace\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] body = capture("create-namespace");
        body[3] = 1;
        assertEquals(expected, failure(body));
        assertEquals(expected, failure(new byte[0]));
        assertEquals(expected, failure(new byte[] {'k', '8', 's'}));
        assertEquals(expected, failure(null));
    }

    @Test
    void magicAloneNamesNoKind() {
        assertTrue(failure(withMagic(new byte[0])).contains("'Kind' is missing"));
    }

    @Test
    void truncatedInsideTheObject() {
        byte[] full = capture("create-deployment");
        String message = failure(Arrays.copyOf(full, full.length / 2));
        assertTrue(message.startsWith("the request body is not a valid protobuf encoding of runtime.Unknown: "),
                message);
        assertTrue(message.contains("truncated") || message.contains("ended unexpectedly"), message);
    }

    @Test
    void truncatedObjectInsideACompleteUnknown() {
        byte[] raw = V1.Namespace.newBuilder().setMetadata(gogoMeta("x")).build().toByteArray();
        byte[] body = body(unknown("v1", "Namespace", ByteString.copyFrom(raw, 0, raw.length - 3)).build());
        String message = failure(body);
        assertTrue(message.startsWith("the request body is not a valid protobuf encoding of v1 Namespace: "), message);
    }

    @Test
    void everyPrefixOfEveryCaptureDecodesOrIsRefused() {
        for (String name : CAPTURES) {
            byte[] full = capture(name);
            ObjectNode whole = ProtobufBodies.decode(full);
            ObjectNode typeOnly = whole.objectNode().put("apiVersion", whole.get("apiVersion").asText())
                    .put("kind", whole.get("kind").asText());
            for (int length = 0; length < full.length; length++) {
                ObjectNode decoded = decodeOrRefuse(Arrays.copyOf(full, length));
                if (decoded != null) {
                    // A cut between Unknown's fields still parses: right after typeMeta (no raw: an empty
                    // object, as Go decodes it too) or after raw (contentEncoding and contentType are empty).
                    assertTrue(decoded.equals(whole) || decoded.equals(typeOnly), name + " cut to " + length);
                }
            }
        }
    }

    @Test
    void randomBytesAfterTheMagic() {
        Random random = new Random(20240102);
        for (int i = 0; i < 5000; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            decodeOrRefuse(withMagic(garbage));
        }
    }

    @Test
    void randomlyCorruptedCaptures() {
        Random random = new Random(7);
        for (String name : CAPTURES) {
            byte[] full = capture(name);
            for (int i = 0; i < 500; i++) {
                byte[] body = full.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    body[4 + random.nextInt(body.length - 4)] = (byte) random.nextInt(256);
                }
                decodeOrRefuse(body);
            }
        }
    }

    @Test
    void unknownKinds() {
        byte[] namespace = V1.Namespace.newBuilder().setMetadata(gogoMeta("x")).build().toByteArray();
        assertEquals("no kind \"Foo\" is registered for version \"v1\" in the protobuf decoder",
                failure(body(unknown("v1", "Foo", ByteString.copyFrom(namespace)).build())));
        assertEquals("no kind \"Lease\" is registered for version \"coordination.k8s.io/v1\" in the protobuf decoder",
                failure(body(unknown("coordination.k8s.io/v1", "Lease", ByteString.copyFrom(namespace)).build())));
        assertEquals("no kind \"Namespace\" is registered for version \"v2\" in the protobuf decoder",
                failure(body(unknown("v2", "Namespace", ByteString.copyFrom(namespace)).build())));
        // A message of the group that is not an API object.
        assertEquals("no kind \"PodSpec\" is registered for version \"v1\" in the protobuf decoder",
                failure(body(unknown("v1", "PodSpec", ByteString.EMPTY).build())));
        assertTrue(failure(body(unknown("v1", "", ByteString.copyFrom(namespace)).build()))
                .contains("'Kind' is missing"));
        assertTrue(failure(body(unknown("", "Namespace", ByteString.copyFrom(namespace)).build()))
                .contains("'apiVersion' is missing"));
    }

    @Test
    void unsupportedContentEncodingOrType() {
        byte[] namespace = V1.Namespace.newBuilder().setMetadata(gogoMeta("x")).build().toByteArray();
        assertTrue(failure(body(unknown("v1", "Namespace", ByteString.copyFrom(namespace))
                .setContentEncoding("gzip").build())).contains("content encoding \"gzip\""));
        assertTrue(failure(body(unknown("v1", "Namespace", ByteString.copyFrom(namespace))
                .setContentType("application/yaml").build())).contains("content type \"application/yaml\""));
        assertTrue(failure(body(unknown("v1", "Namespace", ByteString.copyFrom(namespace))
                .setContentType("application/json").build())).contains("not valid JSON"));
    }

    @Test
    void deeplyNestedGroupsInUnknownFields() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            raw.write(0x9b); // field 99, start group
            raw.write(0x06);
        }
        String message = failure(body(unknown("v1", "Namespace", ByteString.copyFrom(raw.toByteArray())).build()));
        assertTrue(message.startsWith("the request body is not a valid protobuf encoding of v1 Namespace: "), message);
        assertTrue(message.contains("nesting"), message);
    }

    @Test
    void deeplyNestedEmbeddedObjects() {
        byte[] inner = body("v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(gogoMeta("leaf")).build());
        for (int i = 0; i < 100; i++) {
            inner = body("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
                    .setMetadata(gogoMeta("r" + i))
                    .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(inner)))
                    .build());
        }
        String message = failure(inner);
        assertTrue(message.contains("nested deeper than 64 levels") || message.contains("too many levels of nesting"),
                message);
    }

    @Test
    void deeplyNestedEmbeddedJson() {
        String json = "[".repeat(50_000) + "]".repeat(50_000);
        byte[] body = body("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
                .setMetadata(gogoMeta("r"))
                .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8(json)))
                .build());
        assertTrue(failure(body).contains("ControllerRevision.data is not valid JSON"));
    }

    @Test
    void garbageWhereJsonIsExpected() {
        byte[] revision = body("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
                .setMetadata(gogoMeta("r"))
                .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(new byte[] {1, 2, 3})))
                .build());
        assertTrue(failure(revision).contains("embedded JSON at ControllerRevision.data is not valid JSON"));
        byte[] trailing = body("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
                .setMetadata(gogoMeta("r"))
                .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{} {}")))
                .build());
        assertTrue(failure(trailing).contains("not valid JSON"));
        byte[] fields = body("v1", "ConfigMap", V1.ConfigMap.newBuilder()
                .setMetadata(gogoMeta("c").addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
                        .setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(ByteString.copyFromUtf8("f:data")))))
                .build());
        assertTrue(failure(fields).contains("ConfigMap.metadata.managedFields.fieldsV1 is not valid JSON"));
    }

    @Test
    void impossibleValues() {
        byte[] badIntOrString = body("v1", "Service", V1.Service.newBuilder()
                .setMetadata(gogoMeta("s"))
                .setSpec(V1.ServiceSpec.newBuilder().addPorts(V1.ServicePort.newBuilder()
                        .setPort(80).setTargetPort(IntStr.IntOrString.newBuilder().setType(7))))
                .build());
        assertTrue(failure(badIntOrString).contains("IntOrString at Service.spec.ports.targetPort has type 7"));
        byte[] badTime = body("v1", "Namespace", V1.Namespace.newBuilder()
                .setMetadata(gogoMeta("n").setCreationTimestamp(Meta.Time.newBuilder().setSeconds(Long.MAX_VALUE)))
                .build());
        assertTrue(failure(badTime).contains("timestamp out of range"));
    }
}
