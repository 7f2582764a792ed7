package io.tinykube.server.api.protobuf;

import static io.tinykube.server.api.protobuf.KubeProtoBodies.body;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** encode is decode's reverse: JSON → k8s\0 + runtime.Unknown, readable by the generated messages. */
class ProtobufEncodeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) MAPPER.readTree(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"create-namespace", "create-deployment", "create-configmap", "create-secret-generic",
            "create-service-clusterip", "create-job", "create-cronjob", "create-token", "auth-can-i", "auth-whoami",
            "drain-delete-pod"})
    void kubectlBodiesSurviveARoundTrip(String capture) {
        ObjectNode decoded = ProtobufBodies.decode(resource("kubectl-1.33/" + capture + ".bin"));
        assertEquals(decoded, ProtobufBodies.decode(ProtobufBodies.encode(decoded.deepCopy())));
    }

    @Test
    void theGeneratedMessagesReadWhatIsEncoded() throws Exception {
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").putLabels("app", "web")
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1704164645).setNanos(0)))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(0)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "web"))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder()
                                        .setName("nginx").setImage("nginx")))))
                .build();
        byte[] original = body("apps/v1", "Deployment", deployment);

        byte[] encoded = ProtobufBodies.encode(ProtobufBodies.decode(original));

        assertArrayEquals(original, encoded);
        Runtime.Unknown unknown = Runtime.Unknown.parseFrom(Arrays.copyOfRange(encoded, 4, encoded.length));
        assertEquals("apps/v1", unknown.getTypeMeta().getApiVersion());
        assertEquals("Deployment", unknown.getTypeMeta().getKind());
        assertEquals(deployment, V1Apps.Deployment.parseFrom(unknown.getRaw()));
    }

    @Test
    void specialTypesAndInlineFieldsSurviveARoundTrip() throws Exception {
        ObjectNode pod = object("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"app-0\","
                + "\"creationTimestamp\":\"2024-01-02T03:04:05Z\",\"managedFields\":[{\"manager\":\"kubectl\","
                + "\"time\":\"2024-01-02T03:04:05Z\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:spec\":{}}}]},"
                + "\"spec\":{\"volumes\":[{\"name\":\"config\",\"configMap\":{\"name\":\"settings\",\"defaultMode\":0}}],"
                + "\"containers\":[{\"name\":\"app\",\"image\":\"app:1\","
                + "\"env\":[{\"name\":\"MODE\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"s\",\"key\":\"mode\"}}}],"
                + "\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"128Mi\"}},"
                + "\"livenessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\"},\"periodSeconds\":10},"
                + "\"readinessProbe\":{\"tcpSocket\":{\"port\":8080}}}],"
                + "\"terminationGracePeriodSeconds\":0}}");
        assertEquals(pod, ProtobufBodies.decode(ProtobufBodies.encode(pod.deepCopy())));

        ObjectNode event = object("{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"e\"},"
                + "\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"web\"},"
                + "\"eventTime\":\"2024-01-02T03:04:05.123456Z\"}");
        assertEquals(event, ProtobufBodies.decode(ProtobufBodies.encode(event.deepCopy())));

        ObjectNode review = object("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\","
                + "\"metadata\":{},\"status\":{\"authenticated\":true,\"user\":{\"username\":\"jane\","
                + "\"extra\":{\"scopes\":[\"read\",\"write\"]}}}}");
        assertEquals(review, ProtobufBodies.decode(ProtobufBodies.encode(review.deepCopy())));

        ObjectNode secret = object("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},"
                + "\"data\":{\"key\":\"AAH//g==\"},\"type\":\"Opaque\"}");
        assertEquals(secret, ProtobufBodies.decode(ProtobufBodies.encode(secret.deepCopy())));

        ObjectNode status = object("{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"no\",\"reason\":\"NotFound\","
                + "\"details\":{\"name\":\"x\",\"kind\":\"pods\"},\"code\":404}");
        ObjectNode statusAsMeta = status.deepCopy().put("apiVersion", "meta.k8s.io/v1");
        assertEquals(statusAsMeta, ProtobufBodies.decode(ProtobufBodies.encode(statusAsMeta.deepCopy())));
    }

    @Test
    void fieldsTheDescriptorsDoNotKnowAreLeftOut() throws Exception {
        ObjectNode pod = object("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"stopSignal\":\"SIGTERM\"}],"
                + "\"resources\":{\"limits\":{\"cpu\":\"1\"}}}}");
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}",
                ProtobufBodies.decode(ProtobufBodies.encode(pod)).toString());
    }

    @Test
    void whatCannotBeEncoded() throws Exception {
        assertThrows(ProtobufBodyException.class, () -> ProtobufBodies.encode(object("{\"kind\":\"Pod\"}")));
        assertTrue(assertThrows(ProtobufBodyException.class, () -> ProtobufBodies.encode(
                object("{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\"}"))).getMessage()
                .contains("no kind \"Lease\" is registered for version \"coordination.k8s.io/v1\""));
        assertEquals("cannot encode Deployment.spec.replicas as protobuf: expected a 32-bit integer, got string",
                assertThrows(ProtobufBodyException.class, () -> ProtobufBodies.encode(object(
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"replicas\":\"two\"}}")))
                        .getMessage());
        assertTrue(assertThrows(ProtobufBodyException.class, () -> ProtobufBodies.encode(object(
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"creationTimestamp\":\"yesterday\"}}")))
                .getMessage().contains("expected an RFC 3339 time"));
    }

    @Test
    void goDurations() {
        assertEquals(0, ProtoJsonReader.parseDuration("0", "d"));
        assertEquals(0, ProtoJsonReader.parseDuration("0s", "d"));
        assertEquals(3_600_000_000_000L, ProtoJsonReader.parseDuration("1h0m0s", "d"));
        assertEquals(5_400_000_000_000L, ProtoJsonReader.parseDuration("1.5h", "d"));
        assertEquals(1_500, ProtoJsonReader.parseDuration("1.5µs", "d"));
        assertEquals(1_500, ProtoJsonReader.parseDuration("1.5us", "d"));
        assertEquals(-2_500_000_000L, ProtoJsonReader.parseDuration("-2.5s", "d"));
        assertEquals(7_384_000_000_005L, ProtoJsonReader.parseDuration("2h3m4.000000005s", "d"));
        assertEquals(Long.MAX_VALUE, ProtoJsonReader.parseDuration(GoFormats.duration(Long.MAX_VALUE), "d"));
        for (String bad : new String[] {"", "5", "5x", "s", ".s", "1..2s", "9999999999h"}) {
            assertThrows(ProtobufBodyException.class, () -> ProtoJsonReader.parseDuration(bad, "d"), bad);
        }
    }
}
