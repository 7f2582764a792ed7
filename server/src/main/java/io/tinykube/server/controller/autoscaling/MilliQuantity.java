package io.tinykube.server.controller.autoscaling;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Quantities as milli-values (upstream's {@code MilliValue}, rounded up) and back as DecimalSI text. */
final class MilliQuantity {
    private static final String[] DECIMAL_SUFFIXES = {"", "k", "M", "G", "T", "P", "E"};

    private MilliQuantity() {
    }

    static long parse(String text) {
        String number = text.trim();
        int exponent = 0;
        int binary = 0;
        String[] binaries = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        for (int i = 0; i < binaries.length; i++) {
            if (number.endsWith(binaries[i])) {
                binary = 10 * (i + 1);
                number = number.substring(0, number.length() - 2);
            }
        }
        if (binary == 0 && !number.isEmpty()) {
            char last = number.charAt(number.length() - 1);
            String decimal = "num kMGTPE";
            int index = "num".indexOf(last);
            if (index >= 0) {
                exponent = -9 + 3 * index;
                number = number.substring(0, number.length() - 1);
            } else if (decimal.indexOf(last) > 3) {
                exponent = 3 * (decimal.indexOf(last) - 3);
                number = number.substring(0, number.length() - 1);
            }
        }
        BigDecimal value = new BigDecimal(number).scaleByPowerOfTen(exponent + 3);
        if (binary > 0) {
            value = value.multiply(BigDecimal.valueOf(2).pow(binary));
        }
        return value.setScale(0, RoundingMode.CEILING).longValueExact();
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
