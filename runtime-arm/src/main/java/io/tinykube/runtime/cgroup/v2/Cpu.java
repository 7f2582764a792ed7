package io.tinykube.runtime.cgroup.v2;

import io.tinykube.runtime.cgroup.CgroupFiles;
import io.tinykube.runtime.cgroup.CgroupStats;
import io.tinykube.runtime.cgroup.CpuConversions;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Path;
import java.util.Map;

/** v2 cpu controller: cpu.max "quota period", cpu.weight from v1 shares; cpu.stat in microseconds. */
final class Cpu {

    private Cpu() {
    }

    static void apply(Path cgroup, Resources resources) {
        if (resources.cpuShares() != null) {
            CgroupFiles.write(cgroup.resolve("cpu.weight"),
                    Long.toString(CpuConversions.weightFromShares(resources.cpuShares())));
        }
        Long quota = resources.cpuQuotaMicros();
        Long period = resources.cpuPeriodMicros();
        if (quota != null || period != null) {
            String quotaValue = quota == null ? currentQuota(cgroup)
                    : quota == Resources.UNLIMITED ? "max" : Long.toString(quota);
            CgroupFiles.write(cgroup.resolve("cpu.max"),
                    period == null ? quotaValue : quotaValue + " " + period);
        }
    }

    private static String currentQuota(Path cgroup) {
        return CgroupFiles.read(cgroup.resolve("cpu.max")).split("\\s+")[0];
    }

    /** cpu.stat exists in every v2 cgroup (usage even without the cpu controller; throttling with it). */
    static CgroupStats.Cpu stats(Path cgroup) {
        Map<String, Long> stat = CgroupFiles.readKeyed(cgroup.resolve("cpu.stat"));
        return new CgroupStats.Cpu(
                stat.getOrDefault("usage_usec", 0L) * 1000,
                stat.getOrDefault("user_usec", 0L) * 1000,
                stat.getOrDefault("system_usec", 0L) * 1000,
                stat.getOrDefault("nr_periods", 0L),
                stat.getOrDefault("nr_throttled", 0L),
                stat.getOrDefault("throttled_usec", 0L) * 1000);
    }
}
