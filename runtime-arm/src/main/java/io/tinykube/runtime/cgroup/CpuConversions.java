package io.tinykube.runtime.cgroup;

/** Kubernetes CPU quantities to cgroup values, with kubelet's and runc's formulas so limits match theirs. */
public final class CpuConversions {

    public static final long DEFAULT_PERIOD_MICROS = 100_000;
    /** kubelet's MinShares: the kernel refuses less than 2. */
    public static final long MIN_SHARES = 2;
    public static final long MAX_SHARES = 262_144;
    /** kubelet's MinQuotaPeriod: the kernel refuses quotas under 1 ms. */
    public static final long MIN_QUOTA_MICROS = 1_000;

    private CpuConversions() {
    }

    /** kubelet's MilliCPUToShares: 1 CPU = 1024 shares, never below 2 (also for a zero request). */
    public static long sharesFromMillis(long millis) {
        long shares = millis * 1024 / 1000;
        return Math.min(MAX_SHARES, Math.max(MIN_SHARES, shares));
    }

    /** kubelet's MilliCPUToQuota: the limit's share of the period, at least 1 ms. */
    public static long quotaFromMillis(long millis, long periodMicros) {
        if (millis <= 0) {
            return Resources.UNLIMITED;
        }
        return Math.max(MIN_QUOTA_MICROS, millis * periodMicros / 1000);
    }

    /**
     * runc's ConvertCPUSharesToCgroupV2Value: maps [2, 262144] shares linearly onto [1, 10000] weight;
     * 0 shares means unset.
     */
    public static long weightFromShares(long shares) {
        if (shares == 0) {
            return 0;
        }
        return 1 + ((shares - 2) * 9999) / 262_142;
    }
}
