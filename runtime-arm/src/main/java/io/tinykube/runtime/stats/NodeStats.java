package io.tinykube.runtime.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One sample of the node's figures.
 *
 * @param usageNanoCores       CPU in use since the previous sample (1e9 = one core); empty on the first one
 * @param usageCoreNanoSeconds CPU time used since boot
 * @param filesystem           usage of the data directory's filesystem (nodefs)
 */
public record NodeStats(Instant time, OptionalLong usageNanoCores, long usageCoreNanoSeconds, MemoryInfo memory,
        LoadAverage load, Duration uptime, PidUsage pids, FilesystemUsage filesystem) {
}
