package io.tinykube.server.api.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admission;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V2beta2Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import java.util.List;
import java.util.Set;

/**
 * Which protobuf message a (apiVersion, kind) pair is encoded with, from the descriptors of client-java-proto's
 * generated outer classes. Each outer class is named only inside {@link #file(String)}'s switch, so the JVM loads
 * and initializes it (and builds its descriptors) the first time a body of that group version arrives.
 */
final class KubeProtoTypes {
    private KubeProtoTypes() {
    }

    static final String META_PACKAGE = "k8s.io.apimachinery.pkg.apis.meta.v1";

    /** The meta options kinds every group version registers (metav1.AddToGroupVersion), e.g. a DELETE body. */
    private static final Set<String> OPTIONS_KINDS = Set.of(
            "DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions", "ListOptions", "GetOptions");

    /** The group versions decoded here, in the order of {@link #file(String)}. */
    static final List<String> API_VERSIONS = List.of(
            "v1", "apps/v1", "batch/v1", "authorization.k8s.io/v1", "authentication.k8s.io/v1", "policy/v1",
            "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1", "storage.k8s.io/v1", "autoscaling/v1", "autoscaling/v2",
            "certificates.k8s.io/v1", "admissionregistration.k8s.io/v1", "scheduling.k8s.io/v1",
            "admission.k8s.io/v1", "meta.k8s.io/v1");

    /** The .proto file of a group version, or null when it has none here. */
    static FileDescriptor file(String apiVersion) {
        return switch (apiVersion) {
            case "v1" -> V1.getDescriptor();
            case "apps/v1" -> V1Apps.getDescriptor();
            case "batch/v1" -> V1Batch.getDescriptor();
            case "authorization.k8s.io/v1" -> V1Authorization.getDescriptor();
            case "authentication.k8s.io/v1" -> V1Authentication.getDescriptor();
            case "policy/v1" -> V1Policy.getDescriptor();
            case "networking.k8s.io/v1" -> V1Networking.getDescriptor();
            case "rbac.authorization.k8s.io/v1" -> V1Rbac.getDescriptor();
            case "storage.k8s.io/v1" -> V1Storage.getDescriptor();
            case "autoscaling/v1" -> V1Autoscaling.getDescriptor();
            // autoscaling/v2 is v2beta2 promoted with the same messages and field numbers
            case "autoscaling/v2" -> V2beta2Autoscaling.getDescriptor();
            case "certificates.k8s.io/v1" -> V1Certificates.getDescriptor();
            case "admissionregistration.k8s.io/v1" -> V1Admissionregistration.getDescriptor();
            case "scheduling.k8s.io/v1" -> V1Scheduling.getDescriptor();
            case "admission.k8s.io/v1" -> V1Admission.getDescriptor();
            case "meta.k8s.io/v1" -> Meta.getDescriptor();
            default -> null;
        };
    }

    /**
     * The message of an API object of this kind, or null when none is known. Only top-level messages that are
     * objects (they carry ObjectMeta or ListMeta as {@code metadata}) count, so an Unknown naming a nested type
     * such as "PodSpec" is refused like an unknown kind; the meta options kinds are accepted under any apiVersion.
     */
    static Descriptor find(String apiVersion, String kind) {
        if (kind.isEmpty() || apiVersion.isEmpty()) {
            return null;
        }
        if (OPTIONS_KINDS.contains(kind)) {
            return Meta.getDescriptor().findMessageTypeByName(kind);
        }
        FileDescriptor file = file(apiVersion);
        if (file == null) {
            return null;
        }
        Descriptor message = file.findMessageTypeByName(kind);
        return message != null && isObject(message) ? message : null;
    }

    private static boolean isObject(Descriptor message) {
        FieldDescriptor metadata = message.findFieldByName("metadata");
        if (metadata == null || metadata.getType() != FieldDescriptor.Type.MESSAGE || metadata.isRepeated()) {
            return false;
        }
        String type = metadata.getMessageType().getFullName();
        return type.equals(META_PACKAGE + ".ObjectMeta") || type.equals(META_PACKAGE + ".ListMeta");
    }
}
