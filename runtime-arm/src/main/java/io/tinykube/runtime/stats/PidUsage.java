package io.tinykube.runtime.stats;

/** How many pids the node uses out of how many it has, kubelet's source for PIDPressure. */
public record PidUsage(long used, long max) {

    /**
     * kubelet's rlimit stats: tasks counted by /proc/loadavg; the limit is the smaller of kernel.pid_max and
     * kernel.threads-max, since threads use pids too.
     */
    public static PidUsage parse(String loadavg, String pidMax, String threadsMax) {
        long max = Long.parseLong(pidMax.trim());
        if (!threadsMax.isBlank()) {
            max = Math.min(max, Long.parseLong(threadsMax.trim()));
        }
        return new PidUsage(LoadAverage.parse(loadavg).tasks(), max);
    }

    public long available() {
        return max - used;
    }
}
