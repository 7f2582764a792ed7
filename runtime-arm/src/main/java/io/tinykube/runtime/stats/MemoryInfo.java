package io.tinykube.runtime.stats;

import java.util.HashMap;
import java.util.Map;

/** /proc/meminfo's totals, in bytes. */
public record MemoryInfo(long totalBytes, long availableBytes, long freeBytes) {

    public static MemoryInfo parse(String meminfo) {
        Map<String, Long> kibibytes = new HashMap<>();
        for (String line : meminfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String[] value = line.substring(colon + 1).trim().split("\\s+");
                kibibytes.put(line.substring(0, colon), Long.parseLong(value[0]));
            }
        }
        Long total = kibibytes.get("MemTotal");
        Long available = kibibytes.get("MemAvailable");
        if (total == null || available == null) {
            throw new IllegalArgumentException("/proc/meminfo lacks MemTotal or MemAvailable");
        }
        return new MemoryInfo(total * 1024, available * 1024, kibibytes.getOrDefault("MemFree", 0L) * 1024);
    }

    /** The node's working set: memory that is not available (total - MemAvailable). */
    public long workingSetBytes() {
        return totalBytes - availableBytes;
    }
}
