package io.tinykube.server.registry;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code resource.Quantity} ({@code 100m}, {@code 1.5}, {@code 128Mi}, {@code 1G}, {@code 1e3}) as a number,
 * as its {@code Value()} and {@code MilliValue()} do: rounded up to a whole unit (or milli-unit). Text that is not a
 * quantity reads as zero, as a missing quantity does; validation refuses such text before it is stored.
 */
public final class Quantities {
    private static final Pattern SYNTAX = Pattern.compile("([+-]?)([0-9]*)(?:\\.([0-9]*))?([a-zA-Z]*|[eE][+-]?[0-9]+)");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    private Quantities() {
    }

    /** The exact value of {@code text}, or null when it is not a quantity. */
    public static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String whole = m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        if (whole.isEmpty() && fraction.isEmpty()) {
            return null;
        }
        BigDecimal value = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
        String suffix = m.group(4);
        int exponent;
        switch (suffix) {
            case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" -> {
                int power = 10 * (1 + "KMGTPE".indexOf(suffix.charAt(0)));
                value = value.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(power)));
                exponent = 0;
            }
            case "n" -> exponent = -9;
            case "u" -> exponent = -6;
            case "m" -> exponent = -3;
            case "" -> exponent = 0;
            case "k" -> exponent = 3;
            case "M" -> exponent = 6;
            case "G" -> exponent = 9;
            case "T" -> exponent = 12;
            case "P" -> exponent = 15;
            case "E" -> exponent = 18;
            default -> {
                if (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E') {
                    return null;
                }
                try {
                    exponent = Integer.parseInt(suffix.substring(1));
                } catch (NumberFormatException tooBig) {
                    return null;
                }
            }
        }
        try {
            value = value.scaleByPowerOfTen(exponent);
        } catch (ArithmeticException outOfRange) {
            return null;
        }
        return "-".equals(m.group(1)) ? value.negate() : value;
    }

    /** {@code Value()}: whole units rounded up (bytes for memory); zero when missing or not a quantity. */
    public static long value(String text) {
        BigDecimal value = parse(text);
        return value == null ? 0 : saturated(value);
    }

    /** {@code MilliValue()}: thousandths rounded up (millicores for cpu); zero when missing or not a quantity. */
    public static long milliValue(String text) {
        BigDecimal value = parse(text);
        return value == null ? 0 : saturated(value.multiply(THOUSAND));
    }

    private static long saturated(BigDecimal value) {
        if (value.compareTo(LONG_MAX) > 0) {
            return Long.MAX_VALUE;
        }
        if (value.compareTo(LONG_MIN) < 0) {
            return Long.MIN_VALUE;
        }
        return value.setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
