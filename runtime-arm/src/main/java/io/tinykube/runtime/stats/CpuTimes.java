package io.tinykube.runtime.stats;

/**
 * The aggregate "cpu" line of /proc/stat, in clock ticks (USER_HZ), with the number of CPUs listed after it.
 */
public record CpuTimes(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
        long steal, int cpus) {

    /** USER_HZ is 100 on every Linux architecture we run on (arm, arm64, x86); the ABI fixes it. */
    public static final long NANOS_PER_TICK = 10_000_000;

    public static CpuTimes parse(String procStat) {
        CpuTimes aggregate = null;
        int cpus = 0;
        for (String line : procStat.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].equals("cpu")) {
                long[] ticks = new long[8];
                for (int i = 0; i < ticks.length && i + 1 < fields.length; i++) {
                    ticks[i] = Long.parseLong(fields[i + 1]);
                }
                aggregate = new CpuTimes(ticks[0], ticks[1], ticks[2], ticks[3], ticks[4], ticks[5], ticks[6],
                        ticks[7], 0);
            } else if (fields[0].startsWith("cpu")) {
                cpus++;
            }
        }
        if (aggregate == null) {
            throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
        }
        return new CpuTimes(aggregate.user, aggregate.nice, aggregate.system, aggregate.idle, aggregate.iowait,
                aggregate.irq, aggregate.softirq, aggregate.steal, cpus);
    }

    /** Ticks spent doing work: everything but idle and waiting for I/O. */
    public long busyTicks() {
        return user + nice + system + irq + softirq + steal;
    }

    public long totalTicks() {
        return busyTicks() + idle + iowait;
    }

    /** kubelet's usageCoreNanoSeconds: CPU time used since boot, summed over cores. */
    public long usageCoreNanos() {
        return busyTicks() * NANOS_PER_TICK;
    }

    /**
     * kubelet's usageNanoCores between two samples: the busy share of all ticks times the number of CPUs
     * (1 000 000 000 = one core fully used). Zero when no tick passed.
     */
    public long usageNanoCoresSince(CpuTimes earlier) {
        long total = totalTicks() - earlier.totalTicks();
        if (total <= 0) {
            return 0;
        }
        long busy = busyTicks() - earlier.busyTicks();
        return Math.round((double) busy / total * cpus * 1_000_000_000d);
    }
}
