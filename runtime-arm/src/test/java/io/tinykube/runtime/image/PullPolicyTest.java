package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PullPolicyTest {
    @Test
    void latestOrNoTagMeansAlways() {
        assertEquals(PullPolicy.ALWAYS, PullPolicy.defaultFor("busybox"));
        assertEquals(PullPolicy.ALWAYS, PullPolicy.defaultFor("busybox:latest"));
        assertEquals(PullPolicy.ALWAYS, PullPolicy.defaultFor("busybox:latest@sha256:" + "0".repeat(64)));
    }

    @Test
    void anyOtherTagOrADigestMeansIfNotPresent() {
        assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.defaultFor("busybox:1.36"));
        assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.defaultFor("busybox@sha256:" + "0".repeat(64)));
    }

    @Test
    void kubernetesNames() {
        assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.fromKubernetes("IfNotPresent"));
        assertEquals(PullPolicy.NEVER, PullPolicy.fromKubernetes("Never"));
        assertEquals(PullPolicy.ALWAYS, PullPolicy.fromKubernetes("Always"));
    }
}
