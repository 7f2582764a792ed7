package io.tinykube.runtime.stats;

/**
 * /proc/loadavg: "0.52 0.61 0.59 2/175 5222".
 *
 * @param runnable tasks runnable now
 * @param tasks    tasks (threads) that exist — what kubelet counts against the pid limit
 */
public record LoadAverage(double oneMinute, double fiveMinutes, double fifteenMinutes, long runnable, long tasks) {

    public static LoadAverage parse(String loadavg) {
        String[] fields = loadavg.trim().split("\\s+");
        if (fields.length < 4 || !fields[3].contains("/")) {
            throw new IllegalArgumentException("not a /proc/loadavg line: " + loadavg);
        }
        String[] counts = fields[3].split("/");
        return new LoadAverage(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                Double.parseDouble(fields[2]), Long.parseLong(counts[0]), Long.parseLong(counts[1]));
    }
}
