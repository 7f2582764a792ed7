package io.tinykube.runtime.cgroup.v1;

import io.tinykube.runtime.cgroup.CgroupException;
import io.tinykube.runtime.cgroup.CgroupFiles;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Path;
import java.util.Map;

/** v1 cpu controller: cpu.shares and the CFS quota; throttling counters from cpu.stat. */
final class Cpu {

    private Cpu() {
    }

    static void apply(Path cgroup, Resources resources) {
        if (resources.cpuShares() != null) {
            CgroupFiles.write(cgroup.resolve("cpu.shares"), Long.toString(resources.cpuShares()));
        }
        Path period = cgroup.resolve("cpu.cfs_period_us");
        Path quota = cgroup.resolve("cpu.cfs_quota_us");
        String quotaValue = resources.cpuQuotaMicros() == null ? null
                : Long.toString(resources.cpuQuotaMicros() == Resources.UNLIMITED ? -1 : resources.cpuQuotaMicros());
        if (resources.cpuPeriodMicros() == null) {
            if (quotaValue != null) {
                CgroupFiles.write(quota, quotaValue);
            }
            return;
        }
        String periodValue = Long.toString(resources.cpuPeriodMicros());
        try {
            CgroupFiles.write(period, periodValue);
        } catch (CgroupException e) {
            // A new period can clash with the old quota (the kernel checks the pair); set the quota first.
            if (quotaValue == null) {
                throw e;
            }
            CgroupFiles.write(quota, quotaValue);
            CgroupFiles.write(period, periodValue);
            return;
        }
        if (quotaValue != null) {
            CgroupFiles.write(quota, quotaValue);
        }
    }

    /** [periods, throttled periods, throttled ns] */
    static long[] throttling(Path cgroup) {
        Map<String, Long> stat = CgroupFiles.readKeyed(cgroup.resolve("cpu.stat"));
        return new long[] {
            stat.getOrDefault("nr_periods", 0L),
            stat.getOrDefault("nr_throttled", 0L),
            stat.getOrDefault("throttled_time", 0L)
        };
    }
}
