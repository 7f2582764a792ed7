package io.tinykube.server.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quantities print in {@code resource.Quantity}'s canonical form, as upstream's printers show them. */
class TableQuantityTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "1Gi, 1Gi",
            "1024Mi, 1Gi",
            "1536Mi, 1536Mi",
            "0.5Gi, 512Mi",
            "1.5Ki, 1536",
            "512, 512",
            "1000, 1k",
            "1500, 1500",
            "2000000, 2M",
            "1.5, 1500m",
            "1000m, 1",
            "100m, 100m",
            "0.1, 100m",
            "250m, 250m",
            "0, 0",
            "0Gi, 0",
            "0.0000000001, 1n",
            "1e3, 1e3",
            "1E6, 1e6",
            "1.5e3, 1500",
            "5G, 5G",
            "-1Ki, -1Ki",
            "-100m, -100m",
            "'', 0",
            "lots, lots",
    })
    void canonicalText(String text, String expected) {
        assertEquals(expected, Quantity.canonical(text));
    }
}
