package io.tinykube.server.api.protobuf;

import static io.tinykube.server.api.protobuf.KubeProtoBodies.body;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.gogoMeta;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Batch;
import org.junit.jupiter.api.Test;

/**
 * client-go writes every non-pointer field, zeros included: a zero value is dropped as Go's omitempty does, but
 * kept for a Go pointer field (where 0, false and "" are values) and for a field without omitempty.
 */
class ProtobufZeroValuesTest {
    @Test
    void pointerZerosAreKeptNonPointerZerosDropped() {
        V1.PodSpec podSpec = V1.PodSpec.newBuilder()
                .addContainers(V1.Container.newBuilder().setName("app").setImage("app")
                        .addPorts(V1.ContainerPort.newBuilder().setName("").setHostPort(0).setContainerPort(0)
                                .setProtocol("TCP").setHostIP(""))
                        .setSecurityContext(V1.SecurityContext.newBuilder()
                                .setAllowPrivilegeEscalation(false).setRunAsUser(0).setReadOnlyRootFilesystem(true)))
                .setTerminationGracePeriodSeconds(0)
                .setAutomountServiceAccountToken(false)
                .setEnableServiceLinks(false)
                .setHostNetwork(false)
                .setServiceAccountName("")
                .build();
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(gogoMeta("idle"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(0)
                        .setRevisionHistoryLimit(0)
                        .setMinReadySeconds(0)
                        .setPaused(false)
                        .setTemplate(V1.PodTemplateSpec.newBuilder().setMetadata(gogoMeta("")).setSpec(podSpec)))
                .build();
        assertEquals("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"idle\"},"
                + "\"spec\":{\"replicas\":0,\"template\":{\"metadata\":{},\"spec\":{"
                + "\"containers\":[{\"name\":\"app\",\"image\":\"app\","
                + "\"ports\":[{\"containerPort\":0,\"protocol\":\"TCP\"}],"
                + "\"securityContext\":{\"runAsUser\":0,\"readOnlyRootFilesystem\":true,"
                + "\"allowPrivilegeEscalation\":false}}],"
                + "\"terminationGracePeriodSeconds\":0,\"automountServiceAccountToken\":false,"
                + "\"enableServiceLinks\":false}},\"revisionHistoryLimit\":0}}",
                json(body("apps/v1", "Deployment", deployment)));
    }

    @Test
    void anEmptyStorageClassNameMeansNoClass() {
        V1.PersistentVolumeClaim claim = V1.PersistentVolumeClaim.newBuilder()
                .setMetadata(gogoMeta("data"))
                .setSpec(V1.PersistentVolumeClaimSpec.newBuilder()
                        .addAccessModes("ReadWriteOnce")
                        .setVolumeName("")
                        .setStorageClassName(""))
                .build();
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\",\"metadata\":{\"name\":\"data\"},"
                + "\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"storageClassName\":\"\"}}",
                json(body("v1", "PersistentVolumeClaim", claim)));
    }

    @Test
    void jobPointersAndEmptyListsAndMaps() {
        V1Batch.Job job = V1Batch.Job.newBuilder()
                .setMetadata(gogoMeta("once").setGeneration(0).setDeletionGracePeriodSeconds(0))
                .setSpec(V1Batch.JobSpec.newBuilder()
                        .setBackoffLimit(0)
                        .setSuspend(false)
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(Meta.ObjectMeta.getDefaultInstance())
                                .setSpec(V1.PodSpec.newBuilder().setRestartPolicy("Never"))))
                .build();
        assertEquals("{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\","
                + "\"metadata\":{\"name\":\"once\",\"deletionGracePeriodSeconds\":0},"
                + "\"spec\":{\"backoffLimit\":0,\"template\":{\"metadata\":{},\"spec\":{\"restartPolicy\":\"Never\"}},"
                + "\"suspend\":false}}",
                json(body("batch/v1", "Job", job)));
    }
}
