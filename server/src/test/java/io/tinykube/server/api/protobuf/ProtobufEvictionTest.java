package io.tinykube.server.api.protobuf;

import static io.tinykube.server.api.protobuf.KubeProtoBodies.body;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.gogoMeta;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Policy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Drain's Eviction with its DeleteOptions, and DeleteOptions alone as a DELETE body. */
class ProtobufEvictionTest {
    @Test
    void evictionWithAZeroGracePeriodAndPreconditions() {
        V1Policy.Eviction eviction = V1Policy.Eviction.newBuilder()
                .setMetadata(gogoMeta("web-0").setNamespace("default"))
                .setDeleteOptions(Meta.DeleteOptions.newBuilder()
                        .setGracePeriodSeconds(0)
                        .setPreconditions(Meta.Preconditions.newBuilder().setUid("4f1e").setResourceVersion(""))
                        .setPropagationPolicy("Background")
                        .addDryRun("All"))
                .build();
        assertEquals("{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\","
                + "\"metadata\":{\"name\":\"web-0\",\"namespace\":\"default\"},"
                + "\"deleteOptions\":{\"gracePeriodSeconds\":0,"
                + "\"preconditions\":{\"uid\":\"4f1e\",\"resourceVersion\":\"\"},"
                + "\"propagationPolicy\":\"Background\",\"dryRun\":[\"All\"]}}",
                json(body("policy/v1", "Eviction", eviction)));
    }

    @Test
    void evictionWithoutDeleteOptions() {
        V1Policy.Eviction eviction = V1Policy.Eviction.newBuilder()
                .setMetadata(gogoMeta("web-0").setNamespace("default"))
                .build();
        assertEquals("{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\","
                + "\"metadata\":{\"name\":\"web-0\",\"namespace\":\"default\"}}",
                json(body("policy/v1", "Eviction", eviction)));
    }

    /** Every group version registers DeleteOptions, so a DELETE body may carry any of them. */
    @ParameterizedTest
    @ValueSource(strings = {"v1", "apps/v1", "batch/v1", "meta.k8s.io/v1", "coordination.k8s.io/v1"})
    void deleteOptionsUnderAnyGroupVersion(String apiVersion) {
        Meta.DeleteOptions options = Meta.DeleteOptions.newBuilder()
                .setOrphanDependents(false)
                .setPropagationPolicy("Foreground")
                .build();
        assertEquals("{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"DeleteOptions\","
                + "\"orphanDependents\":false,\"propagationPolicy\":\"Foreground\"}",
                json(body(apiVersion, "DeleteOptions", options)));
    }
}
