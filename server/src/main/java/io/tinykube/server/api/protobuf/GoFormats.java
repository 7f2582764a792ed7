package io.tinykube.server.api.protobuf;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The JSON text forms of apimachinery's metav1.Time, metav1.MicroTime and metav1.Duration, as Go writes them. */
final class GoFormats {
    private GoFormats() {
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** metav1.Time: RFC 3339 in UTC to the second, e.g. {@code 2024-01-02T03:04:05Z}; nanoseconds are dropped. */
    static String rfc3339(long seconds, long nanos) {
        LocalDateTime time = utc(seconds, nanos);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond());
    }

    /** metav1.MicroTime: RFC 3339 in UTC with six fraction digits (truncated), e.g. {@code ...05.123456Z}. */
    static String rfc3339Micro(long seconds, long nanos) {
        LocalDateTime time = utc(seconds, nanos);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond(), time.getNano() / 1000);
    }

    /** Like Go's time.Unix(seconds, nanos): nanos outside [0, 1e9) carry into the seconds. */
    private static LocalDateTime utc(long seconds, long nanos) {
        try {
            long carry = Math.floorDiv(nanos, NANOS_PER_SECOND);
            long nano = Math.floorMod(nanos, NANOS_PER_SECOND);
            return LocalDateTime.ofEpochSecond(Math.addExact(seconds, carry), (int) nano, ZoneOffset.UTC);
        } catch (DateTimeException | ArithmeticException e) {
            throw new ProtobufBodyException("timestamp out of range: " + seconds + "s " + nanos + "ns");
        }
    }

    /**
     * Go's time.Duration.String() of a nanosecond count: {@code 0s}, {@code 1.5µs}, {@code 300ms}, {@code 1m30s},
     * {@code 1h0m0s}, {@code -2.5s}.
     */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long u = nanos < 0 ? -nanos : nanos; // Long.MIN_VALUE stays itself: read as unsigned below, it is 2^63
        if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0) {
            if (u < 1_000) {
                return sign + u + "ns";
            }
            if (u < 1_000_000) {
                return sign + decimal(u, 3) + "µs";
            }
            return sign + decimal(u, 6) + "ms";
        }
        long fraction = Long.remainderUnsigned(u, NANOS_PER_SECOND);
        long totalSeconds = Long.divideUnsigned(u, NANOS_PER_SECOND);
        StringBuilder out = new StringBuilder(sign);
        long hours = totalSeconds / 3600;
        long minutes = totalSeconds / 60 % 60;
        long seconds = totalSeconds % 60;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (totalSeconds >= 60) {
            out.append(minutes).append('m');
        }
        out.append(seconds);
        appendFraction(out, fraction, 9);
        return out.append('s').toString();
    }

    /** value / 10^digits, with the remainder as a fraction whose trailing zeros are dropped. */
    private static String decimal(long value, int digits) {
        long scale = (long) Math.pow(10, digits);
        StringBuilder out = new StringBuilder().append(value / scale);
        appendFraction(out, value % scale, digits);
        return out.toString();
    }

    private static void appendFraction(StringBuilder out, long fraction, int digits) {
        if (fraction == 0) {
            return;
        }
        String text = String.format("%0" + digits + "d", fraction);
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        out.append('.').append(text, 0, end);
    }
}
