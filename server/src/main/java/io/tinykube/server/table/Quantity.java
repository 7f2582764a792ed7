package io.tinykube.server.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical text of a {@code resource.Quantity}, as its {@code String()} prints it: {@code 1024Mi} → {@code 1Gi},
 * {@code 1.5} → {@code 1500m}, {@code 1000m} → {@code 1}, {@code 1.5Ki} → {@code 1536}. Values are rounded up to
 * nano precision as {@code ParseQuantity} does. Text that is not a quantity is returned unchanged.
 */
final class Quantity {
    private static final Pattern SYNTAX = Pattern.compile("([+-]?)([0-9]*)(?:\\.([0-9]*))?(.*)");
    private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?[0-9]+)");
    private static final Map<String, Integer> DECIMAL = Map.ofEntries(Map.entry("n", -9), Map.entry("u", -6),
            Map.entry("m", -3), Map.entry("", 0), Map.entry("k", 3), Map.entry("M", 6), Map.entry("G", 9),
            Map.entry("T", 12), Map.entry("P", 15), Map.entry("E", 18));
    private static final Map<String, Integer> BINARY = Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigDecimal BINARY_THRESHOLD = BigDecimal.valueOf(1024);
    private static final BigInteger THOUSAND_TWENTY_FOUR = BigInteger.valueOf(1024);

    private enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

    private Quantity() {
    }

    /** The canonical form of {@code text}; {@code 0} for empty text (a missing quantity prints as zero). */
    static String canonical(String text) {
        if (text == null || text.isEmpty()) {
            return "0";
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return text;
        }
        String whole = m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        if (whole.isEmpty() && fraction.isEmpty()) {
            return text;
        }
        String suffix = m.group(4);
        Format format;
        BigDecimal value = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
        if (BINARY.containsKey(suffix)) {
            format = Format.BINARY_SI;
            value = value.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(BINARY.get(suffix))));
        } else if (DECIMAL.containsKey(suffix)) {
            format = Format.DECIMAL_SI;
            value = value.scaleByPowerOfTen(DECIMAL.get(suffix));
        } else {
            Matcher e = EXPONENT.matcher(suffix);
            if (!e.matches()) {
                return text;
            }
            format = Format.DECIMAL_EXPONENT;
            try {
                value = value.scaleByPowerOfTen(Integer.parseInt(e.group(1)));
            } catch (NumberFormatException | ArithmeticException tooBig) {
                return text;
            }
        }
        if (value.scale() > 9) {
            value = value.setScale(9, RoundingMode.UP); // non-zero values round up to the smallest unit, 1n
        }
        if ("-".equals(m.group(1))) {
            value = value.negate();
        }
        if (value.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI) {
            boolean small = value.abs().compareTo(BINARY_THRESHOLD) < 0;
            boolean integral = value.stripTrailingZeros().scale() <= 0;
            if (small || !integral) {
                format = Format.DECIMAL_SI;
            }
        }
        if (format == Format.BINARY_SI) {
            BigInteger amount = value.toBigIntegerExact();
            int exponent = 0;
            while (exponent < BINARY_SUFFIXES.length - 1 && amount.mod(THOUSAND_TWENTY_FOUR).signum() == 0) {
                amount = amount.divide(THOUSAND_TWENTY_FOUR);
                exponent++;
            }
            return amount + BINARY_SUFFIXES[exponent];
        }
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        int down = Math.floorMod(exponent, 3);
        mantissa = mantissa.multiply(BigInteger.TEN.pow(down));
        exponent -= down;
        if (format == Format.DECIMAL_EXPONENT || exponent > 18) {
            return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
        }
        String decimalSuffix = switch (exponent) {
            case -9 -> "n";
            case -6 -> "u";
            case -3 -> "m";
            case 3 -> "k";
            case 6 -> "M";
            case 9 -> "G";
            case 12 -> "T";
            case 15 -> "P";
            case 18 -> "E";
            default -> "";
        };
        return mantissa + decimalSuffix;
    }
}
