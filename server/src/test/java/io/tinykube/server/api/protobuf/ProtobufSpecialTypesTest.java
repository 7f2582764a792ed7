package io.tinykube.server.api.protobuf;

import static io.tinykube.server.api.protobuf.KubeProtoBodies.body;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.gogoMeta;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Networking;
import org.junit.jupiter.api.Test;

/**
 * apimachinery's types with a JSON form of their own (IntOrString, Quantity, Time, MicroTime, FieldsV1,
 * RawExtension), Go's inline embeddings, and the fields whose .proto name is not the JSON name.
 */
class ProtobufSpecialTypesTest {
    private static IntStr.IntOrString port(int number) {
        return IntStr.IntOrString.newBuilder().setType(0).setIntVal(number).setStrVal("").build();
    }

    private static IntStr.IntOrString port(String name) {
        return IntStr.IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal(name).build();
    }

    @Test
    void intOrStringAsNumberOrName() {
        V1.Service service = V1.Service.newBuilder()
                .setMetadata(gogoMeta("web"))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .addPorts(V1.ServicePort.newBuilder().setName("http").setProtocol("TCP")
                                .setPort(80).setTargetPort(port(8080)).setNodePort(0))
                        .addPorts(V1.ServicePort.newBuilder().setName("metrics").setProtocol("TCP")
                                .setPort(9090).setTargetPort(port("metrics")).setNodePort(0))
                        .putSelector("app", "web"))
                .build();
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"ports\":[{\"name\":\"http\",\"protocol\":\"TCP\",\"port\":80,\"targetPort\":8080},"
                + "{\"name\":\"metrics\",\"protocol\":\"TCP\",\"port\":9090,\"targetPort\":\"metrics\"}],"
                + "\"selector\":{\"app\":\"web\"}}}",
                json(body("v1", "Service", service)));
    }

    @Test
    void quantitiesTimesAndInlineStructsInAPod() {
        V1.Container container = V1.Container.newBuilder()
                .setName("app").setImage("app:1")
                .addEnv(V1.EnvVar.newBuilder().setName("MODE").setValueFrom(V1.EnvVarSource.newBuilder()
                        .setConfigMapKeyRef(V1.ConfigMapKeySelector.newBuilder()
                                .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("settings"))
                                .setKey("mode"))))
                .setResources(V1.ResourceRequirements.newBuilder()
                        .putLimits("cpu", Resource.Quantity.newBuilder().setString("500m").build())
                        .putLimits("memory", Resource.Quantity.newBuilder().setString("128Mi").build())
                        .putRequests("cpu", Resource.Quantity.newBuilder().setString("0.25").build()))
                .setLivenessProbe(V1.Probe.newBuilder()
                        .setHandler(V1.ProbeHandler.newBuilder().setHttpGet(V1.HTTPGetAction.newBuilder()
                                .setPath("/healthz").setPort(port("http")).setHost("").setScheme("HTTP")))
                        .setInitialDelaySeconds(3).setTimeoutSeconds(0).setPeriodSeconds(10)
                        .setSuccessThreshold(0).setFailureThreshold(0))
                .addVolumeMounts(V1.VolumeMount.newBuilder().setName("config").setReadOnly(true)
                        .setMountPath("/etc/app").setSubPath(""))
                .build();
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(gogoMeta("app-0").setNamespace("default")
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1704164645).setNanos(123_456_789))
                        .setUid("8d0b"))
                .setSpec(V1.PodSpec.newBuilder()
                        .addVolumes(V1.Volume.newBuilder().setName("config")
                                .setVolumeSource(V1.VolumeSource.newBuilder().setConfigMap(
                                        V1.ConfigMapVolumeSource.newBuilder().setLocalObjectReference(
                                                V1.LocalObjectReference.newBuilder().setName("settings")))))
                        .addContainers(container))
                .build();
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"app-0\","
                + "\"namespace\":\"default\",\"uid\":\"8d0b\",\"creationTimestamp\":\"2024-01-02T03:04:05Z\"},"
                + "\"spec\":{\"volumes\":[{\"name\":\"config\",\"configMap\":{\"name\":\"settings\"}}],"
                + "\"containers\":[{\"name\":\"app\",\"image\":\"app:1\","
                + "\"env\":[{\"name\":\"MODE\",\"valueFrom\":{\"configMapKeyRef\":{\"name\":\"settings\",\"key\":\"mode\"}}}],"
                + "\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"128Mi\"},\"requests\":{\"cpu\":\"0.25\"}},"
                + "\"volumeMounts\":[{\"name\":\"config\",\"readOnly\":true,\"mountPath\":\"/etc/app\"}],"
                + "\"livenessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\",\"scheme\":\"HTTP\"},"
                + "\"initialDelaySeconds\":3,\"periodSeconds\":10}}]}}",
                json(body("v1", "Pod", pod)));
    }

    @Test
    void microTimeHasSixFractionDigitsAndAZeroTimeIsLeftOut() {
        V1.Event event = V1.Event.newBuilder()
                .setMetadata(gogoMeta("web.17a"))
                .setInvolvedObject(V1.ObjectReference.newBuilder().setKind("Pod").setName("web"))
                .setReason("Started")
                .setFirstTimestamp(Meta.Time.getDefaultInstance())
                .setLastTimestamp(Meta.Time.newBuilder().setSeconds(0).setNanos(0))
                .setEventTime(Meta.MicroTime.newBuilder().setSeconds(1704164645).setNanos(123_456_789))
                .setCount(1)
                .build();
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"web.17a\"},"
                + "\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"web\"},\"reason\":\"Started\","
                + "\"lastTimestamp\":\"1970-01-01T00:00:00Z\",\"count\":1,"
                + "\"eventTime\":\"2024-01-02T03:04:05.123456Z\"}",
                json(body("v1", "Event", event)));
    }

    @Test
    void managedFieldsCarryTheirFieldsV1AsJson() {
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
                .setMetadata(gogoMeta("settings").addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
                        .setManager("kubectl").setOperation("Update").setApiVersion("v1")
                        .setTime(Meta.Time.newBuilder().setSeconds(1704164645))
                        .setFieldsType("FieldsV1")
                        .setFieldsV1(Meta.FieldsV1.newBuilder()
                                .setRaw(ByteString.copyFromUtf8("{\"f:data\":{\".\":{},\"f:a\":{}}}")))))
                .build();
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\","
                + "\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Update\",\"apiVersion\":\"v1\","
                + "\"time\":\"2024-01-02T03:04:05Z\",\"fieldsType\":\"FieldsV1\","
                + "\"fieldsV1\":{\"f:data\":{\".\":{},\"f:a\":{}}}}]}}",
                json(body("v1", "ConfigMap", configMap)));
    }

    @Test
    void rawExtensionHoldingJson() {
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(gogoMeta("web-5d4f"))
                .setData(Runtime.RawExtension.newBuilder()
                        .setRaw(ByteString.copyFromUtf8("{\"spec\":{\"template\":{\"$patch\":\"replace\"}}}")))
                .setRevision(3)
                .build();
        assertEquals("{\"apiVersion\":\"apps/v1\",\"kind\":\"ControllerRevision\","
                + "\"metadata\":{\"name\":\"web-5d4f\"},"
                + "\"data\":{\"spec\":{\"template\":{\"$patch\":\"replace\"}}},\"revision\":3}",
                json(body("apps/v1", "ControllerRevision", revision)));
    }

    @Test
    void rawExtensionHoldingAnEmbeddedProtobufObject() {
        V1.ConfigMap inner = V1.ConfigMap.newBuilder().setMetadata(gogoMeta("inner")).putData("k", "v").build();
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(gogoMeta("outer"))
                .setData(Runtime.RawExtension.newBuilder()
                        .setRaw(ByteString.copyFrom(body("v1", "ConfigMap", inner))))
                .setRevision(0)
                .build();
        assertEquals("{\"apiVersion\":\"apps/v1\",\"kind\":\"ControllerRevision\",\"metadata\":{\"name\":\"outer\"},"
                + "\"data\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"inner\"},"
                + "\"data\":{\"k\":\"v\"}},\"revision\":0}",
                json(body("apps/v1", "ControllerRevision", revision)));
    }

    @Test
    void protoNamesThatAreNotTheJsonNames() {
        V1Networking.IngressClass ingressClass = V1Networking.IngressClass.newBuilder()
                .setMetadata(gogoMeta("nginx"))
                .setSpec(V1Networking.IngressClassSpec.newBuilder()
                        .setController("k8s.io/ingress-nginx")
                        .setParameters(V1Networking.IngressClassParametersReference.newBuilder()
                                .setAPIGroup("").setKind("IngressParameters").setName("external")))
                .build();
        assertEquals("{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"IngressClass\","
                + "\"metadata\":{\"name\":\"nginx\"},\"spec\":{\"controller\":\"k8s.io/ingress-nginx\","
                + "\"parameters\":{\"apiGroup\":\"\",\"kind\":\"IngressParameters\",\"name\":\"external\"}}}",
                json(body("networking.k8s.io/v1", "IngressClass", ingressClass)));
    }

    @Test
    void aJsonUnknownIsTakenAsItIs() {
        byte[] raw = "{\"apiVersion\":\"x\",\"kind\":\"y\",\"metadata\":{\"name\":\"j\"},\"data\":{\"a\":\"b\"}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = KubeProtoBodies.body(KubeProtoBodies.unknown("v1", "ConfigMap", ByteString.copyFrom(raw))
                .setContentType("application/json").build());
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"j\"},"
                + "\"data\":{\"a\":\"b\"}}", json(body));
    }
}
