package io.tinykube.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CpuConversionsTest {

    @Test
    void sharesFollowKubeletWithAFloorOfTwo() {
        assertEquals(2, CpuConversions.sharesFromMillis(0));
        assertEquals(2, CpuConversions.sharesFromMillis(1));
        assertEquals(102, CpuConversions.sharesFromMillis(100));
        assertEquals(256, CpuConversions.sharesFromMillis(250));
        assertEquals(1024, CpuConversions.sharesFromMillis(1000));
        assertEquals(262_144, CpuConversions.sharesFromMillis(1_000_000));
    }

    @Test
    void quotaIsTheLimitsShareOfThePeriodAtLeastOneMillisecond() {
        assertEquals(50_000, CpuConversions.quotaFromMillis(500, 100_000));
        assertEquals(200_000, CpuConversions.quotaFromMillis(2000, 100_000));
        assertEquals(1_000, CpuConversions.quotaFromMillis(5, 100_000));
        assertEquals(Resources.UNLIMITED, CpuConversions.quotaFromMillis(0, 100_000));
    }

    @Test
    void weightFollowsRuncsLinearMapping() {
        assertEquals(0, CpuConversions.weightFromShares(0));
        assertEquals(1, CpuConversions.weightFromShares(2));
        assertEquals(39, CpuConversions.weightFromShares(1024));
        assertEquals(10, CpuConversions.weightFromShares(256));
        assertEquals(10_000, CpuConversions.weightFromShares(262_144));
    }

    @Test
    void kubernetesResourcesBecomeSharesQuotaAndLimits() {
        Resources resources = Resources.kubernetes(250, 500L, 64L << 20, 1024L);

        assertEquals(256, resources.cpuShares());
        assertEquals(50_000, resources.cpuQuotaMicros());
        assertEquals(100_000, resources.cpuPeriodMicros());
        assertEquals(64L << 20, resources.memoryLimitBytes());
        assertEquals(1024, resources.pidsLimit());
        Resources noLimits = Resources.kubernetes(0, null, null, null);
        assertEquals(Resources.UNLIMITED, noLimits.cpuQuotaMicros());
        assertEquals(Resources.UNLIMITED, noLimits.memoryLimitBytes());
        assertEquals(null, noLimits.pidsLimit());
    }
}
