package io.tinykube.server.controller.batch;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, for {@code @every} schedules: same grammar, same float rounding of
 * fractions, same overflow limits and error messages, since those reach the user through validation.
 */
final class GoDuration {
    private static final long TWO_TO_63 = 1L << 63; // read as unsigned, like Go's uint64 arithmetic
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** The duration in nanoseconds; {@link IllegalArgumentException} with Go's message when it is not one. */
    static long parseNanos(String orig) {
        String s = orig;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        long total = 0;
        while (!s.isEmpty()) {
            if (!(s.charAt(0) == '.' || isDigit(s.charAt(0)))) {
                throw invalid(orig);
            }
            int i = 0;
            long whole = 0;
            for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                if (Long.compareUnsigned(whole, Long.divideUnsigned(TWO_TO_63, 10)) > 0) {
                    throw invalid(orig);
                }
                whole = whole * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(whole, TWO_TO_63) > 0) {
                    throw invalid(orig);
                }
            }
            boolean digitsBefore = i > 0;
            s = s.substring(i);
            long fraction = 0;
            double scale = 1;
            boolean digitsAfter = false;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                boolean overflow = false;
                for (i = 0; i < s.length() && isDigit(s.charAt(i)); i++) {
                    // Digits past what fits are consumed and ignored, as Go does.
                    if (overflow || Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0) {
                        overflow = true;
                        continue;
                    }
                    long next = fraction * 10 + (s.charAt(i) - '0');
                    if (Long.compareUnsigned(next, TWO_TO_63) > 0) {
                        overflow = true;
                        continue;
                    }
                    fraction = next;
                    scale *= 10;
                }
                digitsAfter = i > 0;
                s = s.substring(i);
            }
            if (!digitsBefore && !digitsAfter) {
                throw invalid(orig);
            }
            i = 0;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (i == 0) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
            }
            String name = s.substring(0, i);
            s = s.substring(i);
            Long unit = UNITS.get(name);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit " + quote(name) + " in duration " + quote(orig));
            }
            if (Long.compareUnsigned(whole, Long.divideUnsigned(TWO_TO_63, unit)) > 0) {
                throw invalid(orig);
            }
            whole *= unit;
            if (fraction != 0) {
                double f = fraction < 0 ? fraction + 0x1p64 : fraction;
                whole += (long) (f * (unit / scale));
                if (Long.compareUnsigned(whole, TWO_TO_63) > 0) {
                    throw invalid(orig);
                }
            }
            total += whole;
            if (Long.compareUnsigned(total, TWO_TO_63) > 0) {
                throw invalid(orig);
            }
        }
        if (negative) {
            return -total;
        }
        if (total < 0) {
            throw invalid(orig);
        }
        return total;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration " + quote(orig));
    }

    /** The time package's own quoting: bytes outside printable ASCII as {@code \xNN}. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x80 || c < ' ') {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    sb.append(String.format("\\x%02x", b & 0xff));
                }
            } else {
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }
}
