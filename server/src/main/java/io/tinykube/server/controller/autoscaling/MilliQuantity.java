package io.tinykube.server.controller.autoscaling;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Quantities as milli-values (upstream's {@code MilliValue}, rounded up) and back as DecimalSI text. */
final class MilliQuantity {
    private static final String[] DECIMAL_SUFFIXES = {"", "k", "M", "G", "T", "P", "E"};
    /** Binary suffixes first, so that "Mi" is not read as "M" followed by garbage. */
    private static final Map<String, BigDecimal> SUFFIXES = new LinkedHashMap<>();

    static {
        String[] binary = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        for (int i = 0; i < binary.length; i++) {
            SUFFIXES.put(binary[i], BigDecimal.valueOf(2).pow(10 * (i + 1)));
        }
        SUFFIXES.put("n", BigDecimal.ONE.scaleByPowerOfTen(-9));
        SUFFIXES.put("u", BigDecimal.ONE.scaleByPowerOfTen(-6));
        SUFFIXES.put("m", BigDecimal.ONE.scaleByPowerOfTen(-3));
        for (int i = 1; i < DECIMAL_SUFFIXES.length; i++) {
            SUFFIXES.put(DECIMAL_SUFFIXES[i], BigDecimal.ONE.scaleByPowerOfTen(3 * i));
        }
    }

    private MilliQuantity() {
    }

    /** The value of a quantity ({@code 250m}, {@code 1.5}, {@code 128Mi}, {@code 2k}) in thousandths, rounded up. */
    static long parse(String text) {
        String number = text.trim();
        BigDecimal multiplier = BigDecimal.ONE;
        for (Map.Entry<String, BigDecimal> suffix : SUFFIXES.entrySet()) {
            if (number.endsWith(suffix.getKey())) {
                number = number.substring(0, number.length() - suffix.getKey().length());
                multiplier = suffix.getValue();
                break;
            }
        }
        return new BigDecimal(number).multiply(multiplier).scaleByPowerOfTen(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** {@code resource.NewMilliQuantity(milli, DecimalSI).String()}: {@code 250m}, {@code 2}, {@code 1500m}, {@code 3k}. */
    static String format(long milli) {
        if (milli % 1000 != 0) {
            return milli + "m";
        }
        long value = milli / 1000;
        int suffix = 0;
        while (value != 0 && value % 1000 == 0 && suffix < DECIMAL_SUFFIXES.length - 1) {
            value /= 1000;
            suffix++;
        }
        return value + DECIMAL_SUFFIXES[suffix];
    }
}
