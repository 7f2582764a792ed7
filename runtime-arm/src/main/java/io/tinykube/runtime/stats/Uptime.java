package io.tinykube.runtime.stats;

import java.time.Duration;

/** /proc/uptime: seconds since boot, then idle seconds summed over CPUs. */
public final class Uptime {

    private Uptime() {
    }

    public static Duration parse(String uptime) {
        String seconds = uptime.trim().split("\\s+")[0];
        return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
    }
}
