package io.tinykube.runtime.cgroup;

import java.util.OptionalLong;

/** One reading of a cgroup's counters, in the units kubelet's summary API reports. */
public record CgroupStats(Cpu cpu, Memory memory, Pids pids) {

    /**
     * @param usageNanos          total CPU time of the cgroup's tasks
     * @param userNanos           of which in user mode
     * @param systemNanos         of which in the kernel
     * @param periods             quota periods elapsed with runnable tasks
     * @param throttledPeriods    periods in which the quota ran out
     * @param throttledNanos      time the tasks waited for the next period
     */
    public record Cpu(long usageNanos, long userNanos, long systemNanos, long periods, long throttledPeriods,
            long throttledNanos) {
    }

    /**
     * @param usageBytes      memory charged to the cgroup, page cache included
     * @param workingSetBytes usage less inactive file pages, as kubelet computes it (what eviction looks at)
     * @param rssBytes        anonymous memory
     * @param cacheBytes      page cache
     * @param limitBytes      the hard limit, empty when unlimited
     * @param oomKills        processes the OOM killer killed in the cgroup
     */
    public record Memory(long usageBytes, long workingSetBytes, long rssBytes, long cacheBytes,
            OptionalLong limitBytes, long oomKills) {

        /** kubelet: working set = usage - inactive_file, never below zero. */
        public static long workingSet(long usageBytes, long inactiveFileBytes) {
            return Math.max(0, usageBytes - inactiveFileBytes);
        }
    }

    /** @param limit the pids limit, empty when unlimited */
    public record Pids(long current, OptionalLong limit) {
    }
}
