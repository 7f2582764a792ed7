package io.tinykube.server.table;

import java.time.Duration;
import java.time.Instant;

/**
 * Durations for people, exactly as {@code k8s.io/apimachinery/pkg/util/duration.HumanDuration}: about two to three
 * significant figures ({@code 45s}, {@code 3m5s}, {@code 65m}, {@code 3h20m}, {@code 30h}, {@code 2d3h}, {@code 50d},
 * {@code 2y3d}, {@code 9y}). Up to one second in the future reads as {@code 0s} (clock skew); further is
 * {@code <invalid>}.
 */
public final class HumanDuration {
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private HumanDuration() {
    }

    public static String format(Duration d) {
        return format(saturatedNanos(d));
    }

    /** {@code nanos} is a Go {@code time.Duration}. */
    public static String format(long nanos) {
        long seconds = nanos / SECOND; // Go int(d.Seconds()) truncates towards zero, as Java's division does
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = nanos / MINUTE;
        if (minutes < 10) {
            long s = (nanos / SECOND) % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = nanos / HOUR;
        if (hours < 8) {
            long m = (nanos / MINUTE) % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }

    /**
     * Upstream's {@code translateTimestampSince}: the time from {@code timestamp} to {@code now}, or
     * {@code <unknown>} when there is no timestamp.
     */
    public static String since(Instant timestamp, Instant now) {
        if (timestamp == null) {
            return "<unknown>";
        }
        return format(Duration.between(timestamp, now));
    }

    /** A Go {@code time.Duration}: saturates at the int64 bounds as {@code time.Time.Sub} does. */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
