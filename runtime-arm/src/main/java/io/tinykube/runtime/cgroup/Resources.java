package io.tinykube.runtime.cgroup;

/**
 * Limits applied to one cgroup. A null field is left as it is; {@link #UNLIMITED} lifts a memory, quota or
 * pids limit.
 *
 * @param memoryLimitBytes hard memory limit; swap is kept off for the cgroup where the kernel allows it
 * @param cpuShares        relative CPU weight in v1 shares (2..262144), converted to cpu.weight on v2
 * @param cpuQuotaMicros   CPU time allowed per period
 * @param cpuPeriodMicros  length of the quota period
 * @param pidsLimit        maximum number of tasks
 * @param cpusetCpus       CPUs the cgroup may run on, in the kernel's list format ("0-1,3")
 * @param cpusetMems       memory nodes the cgroup may allocate from
 */
public record Resources(
        Long memoryLimitBytes,
        Long cpuShares,
        Long cpuQuotaMicros,
        Long cpuPeriodMicros,
        Long pidsLimit,
        String cpusetCpus,
        String cpusetMems) {

    public static final long UNLIMITED = -1;

    public static final Resources NONE = new Resources(null, null, null, null, null, null, null);

    /**
     * A container's or pod's limits the way kubelet derives them from a Kubernetes resource spec: shares from
     * the CPU request, a quota over a 100 ms period from the CPU limit (unlimited without one), the memory
     * limit (unlimited without one).
     */
    public static Resources kubernetes(long cpuRequestMillis, Long cpuLimitMillis, Long memoryLimitBytes,
            Long pidsLimit) {
        return new Resources(
                memoryLimitBytes == null ? UNLIMITED : memoryLimitBytes,
                CpuConversions.sharesFromMillis(cpuRequestMillis),
                cpuLimitMillis == null ? UNLIMITED : CpuConversions.quotaFromMillis(cpuLimitMillis,
                        CpuConversions.DEFAULT_PERIOD_MICROS),
                CpuConversions.DEFAULT_PERIOD_MICROS,
                pidsLimit,
                null,
                null);
    }

    public Resources withMemoryLimit(Long bytes) {
        return new Resources(bytes, cpuShares, cpuQuotaMicros, cpuPeriodMicros, pidsLimit, cpusetCpus, cpusetMems);
    }

    public Resources withCpuShares(Long shares) {
        return new Resources(memoryLimitBytes, shares, cpuQuotaMicros, cpuPeriodMicros, pidsLimit, cpusetCpus,
                cpusetMems);
    }

    public Resources withCpuQuota(Long quotaMicros, Long periodMicros) {
        return new Resources(memoryLimitBytes, cpuShares, quotaMicros, periodMicros, pidsLimit, cpusetCpus,
                cpusetMems);
    }

    public Resources withPidsLimit(Long limit) {
        return new Resources(memoryLimitBytes, cpuShares, cpuQuotaMicros, cpuPeriodMicros, limit, cpusetCpus,
                cpusetMems);
    }

    public Resources withCpuset(String cpus, String mems) {
        return new Resources(memoryLimitBytes, cpuShares, cpuQuotaMicros, cpuPeriodMicros, pidsLimit, cpus, mems);
    }
}
