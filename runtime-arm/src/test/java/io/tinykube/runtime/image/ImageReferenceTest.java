package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void normalizesAsDocker() {
        assertEquals("docker.io/library/busybox:latest", ImageReference.parse("busybox").toString());
        assertEquals("docker.io/library/busybox:1.36", ImageReference.parse("busybox:1.36").toString());
        assertEquals("docker.io/rancher/pause:3.6", ImageReference.parse("rancher/pause:3.6").toString());
        assertEquals("docker.io/library/busybox:latest",
                ImageReference.parse("index.docker.io/library/busybox").toString());
        assertEquals("ghcr.io/a/b/c:v1", ImageReference.parse("ghcr.io/a/b/c:v1").toString());
    }

    @Test
    void hostsWithPortsAndLocalhost() {
        ImageReference withPort = ImageReference.parse("127.0.0.1:5000/tools/busybox:1.0");
        assertEquals("127.0.0.1:5000", withPort.domain());
        assertEquals("tools/busybox", withPort.repository());
        assertEquals("1.0", withPort.tag());
        assertEquals("localhost", ImageReference.parse("localhost/busybox").domain());
        assertEquals("localhost:5000", ImageReference.parse("localhost:5000/busybox").domain());
        assertEquals("busybox", ImageReference.parse("localhost:5000/busybox").repository());
    }

    @Test
    void digests() {
        ImageReference byDigest = ImageReference.parse("busybox@" + DIGEST);
        assertNull(byDigest.tag());
        assertEquals(DIGEST, byDigest.manifestReference());
        ImageReference both = ImageReference.parse("busybox:1.36@" + DIGEST);
        assertEquals("1.36", both.tag());
        assertEquals(DIGEST, both.manifestReference());
        assertEquals("docker.io/library/busybox:1.36@" + DIGEST, both.toString());
    }

    @Test
    void refusesMalformedReferences() {
        for (String bad : new String[] {"", "Busybox", "busybox@sha256:abc", "busybox:", "a//b", "busybox:-x",
                "busybox@md5:" + "ab".repeat(16), "../etc/passwd"}) {
            assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(bad), bad);
        }
    }
}
