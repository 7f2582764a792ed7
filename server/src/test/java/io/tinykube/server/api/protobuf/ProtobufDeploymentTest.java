package io.tinykube.server.api.protobuf;

import static io.tinykube.server.api.protobuf.KubeProtoBodies.body;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.gogoMeta;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import org.junit.jupiter.api.Test;

/** A Deployment as `kubectl create deployment web --image=nginx --replicas=2` sends it. */
class ProtobufDeploymentTest {
    private static final String EXPECTED = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
            + "\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},"
            + "\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
            + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"resources\":{}}]}}},"
            + "\"status\":{}}";

    /** Every non-pointer field written, zeros included, as gogo protobuf does; the strategy left out. */
    @Test
    void asClientGoWritesIt() {
        V1.Container container = V1.Container.newBuilder()
                .setName("nginx").setImage("nginx").setWorkingDir("")
                .setResources(V1.ResourceRequirements.getDefaultInstance())
                .setTerminationMessagePath("").setTerminationMessagePolicy("").setImagePullPolicy("")
                .setStdin(false).setStdinOnce(false).setTty(false)
                .build();
        V1.PodSpec podSpec = V1.PodSpec.newBuilder()
                .addContainers(container)
                .setRestartPolicy("").setDnsPolicy("").setServiceAccountName("").setServiceAccount("")
                .setNodeName("").setHostNetwork(false).setHostPID(false).setHostIPC(false)
                .setHostname("").setSubdomain("").setSchedulerName("").setPriorityClassName("")
                .build();
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(gogoMeta("web").putLabels("app", "web"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(2)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(gogoMeta("").putLabels("app", "web"))
                                .setSpec(podSpec))
                        .setMinReadySeconds(0)
                        .setPaused(false))
                .setStatus(V1Apps.DeploymentStatus.newBuilder()
                        .setObservedGeneration(0).setReplicas(0).setUpdatedReplicas(0).setReadyReplicas(0)
                        .setAvailableReplicas(0).setUnavailableReplicas(0))
                .build();

        assertEquals(EXPECTED, json(body("apps/v1", "Deployment", deployment)));
    }

    /** Only the fields that mean something set: the same JSON. */
    @Test
    void withOnlyTheSetFields() {
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").putLabels("app", "web"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(2)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "web"))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder()
                                        .setName("nginx").setImage("nginx")
                                        .setResources(V1.ResourceRequirements.getDefaultInstance())))))
                .setStatus(V1Apps.DeploymentStatus.getDefaultInstance())
                .build();

        assertEquals(EXPECTED, json(body("apps/v1", "Deployment", deployment)));
    }
}
