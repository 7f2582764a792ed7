package io.tinykube.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformTest {
    private static List<String> compatible(String platform) {
        return Platform.parse(platform).compatible().stream().map(Platform::toString).toList();
    }

    @Test
    void fallbacksFollowContainerd() {
        assertEquals(List.of("linux/arm64", "linux/arm/v8", "linux/arm/v7", "linux/arm/v6", "linux/arm/v5"),
                compatible("linux/arm64"));
        assertEquals(List.of("linux/arm/v7", "linux/arm/v6", "linux/arm/v5"), compatible("linux/arm/v7"));
        assertEquals(List.of("linux/arm/v6", "linux/arm/v5"), compatible("linux/arm/v6"));
        assertEquals(List.of("linux/amd64", "linux/386"), compatible("linux/amd64"));
    }

    @Test
    void namesAreNormalized() {
        assertEquals(Platform.parse("linux/arm64"), Platform.parse("linux/arm64/v8"));
        assertEquals(Platform.parse("linux/arm64"), Platform.parse("Linux/aarch64"));
        assertEquals(Platform.parse("linux/arm/v7"), Platform.parse("linux/arm"));
        assertEquals(Platform.parse("linux/amd64"), Platform.parse("linux/x86_64"));
    }

    @Test
    void detectedFromOsArchAndCpuinfo() {
        assertEquals("linux/amd64", Platform.detect("amd64", "").toString());
        assertEquals("linux/arm64", Platform.detect("aarch64", "CPU architecture: 8\n").toString());
        String pi2 = "processor\t: 0\nmodel name\t: ARMv7 Processor rev 5 (v7l)\nCPU architecture: 7\n";
        assertEquals("linux/arm/v7", Platform.detect("arm", pi2).toString());
        String pi1 = "model name\t: ARMv6-compatible processor rev 7 (v6l)\nCPU architecture: 6TEJ\n";
        assertEquals("linux/arm/v6", Platform.detect("arm", pi1).toString());
        // A 32-bit JVM on a Pi 4 with a 64-bit kernel: an ARMv8 CPU, which runs v7 images and down.
        assertEquals("linux/arm/v8", Platform.detect("arm", "CPU architecture: 8\n").toString());
    }

    @Test
    void indexSelectionPrefersTheClosestPlatform() {
        Map<String, Descriptor> byPlatform = Map.of(
                "linux/arm/v6", descriptor("linux/arm/v6", "1"),
                "linux/arm/v7", descriptor("linux/arm/v7", "2"),
                "linux/amd64", descriptor("linux/amd64", "3"));
        ImageIndex index = new ImageIndex(List.of(byPlatform.get("linux/arm/v6"), byPlatform.get("linux/amd64"),
                byPlatform.get("linux/arm/v7"), new Descriptor(MediaTypes.OCI_MANIFEST, digest("4"), 1,
                        new Platform("unknown", "unknown", ""), Map.of())));
        assertEquals(byPlatform.get("linux/arm/v7"), index.select(Platform.parse("linux/arm64")).orElseThrow());
        assertEquals(byPlatform.get("linux/arm/v7"), index.select(Platform.parse("linux/arm/v7")).orElseThrow());
        assertEquals(byPlatform.get("linux/arm/v6"), index.select(Platform.parse("linux/arm/v6")).orElseThrow());
        assertEquals(byPlatform.get("linux/amd64"), index.select(Platform.parse("linux/amd64")).orElseThrow());
        assertEquals(java.util.Optional.empty(), index.select(Platform.parse("linux/riscv64")));
    }

    private static Descriptor descriptor(String platform, String seed) {
        return new Descriptor(MediaTypes.OCI_MANIFEST, digest(seed), 1, Platform.parse(platform), Map.of());
    }

    private static String digest(String seed) {
        return Digests.of(seed.getBytes());
    }
}
