package io.tinykube.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Quantities read as resource.Quantity's Value() and MilliValue() read them. */
class QuantitiesTest {

    @Test
    void cpuReadsInMillicores() {
        assertEquals(100, Quantities.milliValue("100m"));
        assertEquals(1000, Quantities.milliValue("1"));
        assertEquals(1500, Quantities.milliValue("1.5"));
        assertEquals(500, Quantities.milliValue(".5"));
        assertEquals(2000, Quantities.milliValue("2000m"));
        assertEquals(1, Quantities.milliValue("1u"), "a fraction of a millicore rounds up");
    }

    @Test
    void memoryReadsInBytesWithBinaryAndDecimalSuffixes() {
        assertEquals(128L * 1024 * 1024, Quantities.value("128Mi"));
        assertEquals(1_000_000_000L, Quantities.value("1G"));
        assertEquals(1024, Quantities.value("1Ki"));
        assertEquals(1536, Quantities.value("1.5Ki"));
        assertEquals(1000, Quantities.value("1e3"));
        assertEquals(1000, Quantities.value("1E3"));
        assertEquals(2, Quantities.value("1500m"), "whole units round up");
        assertEquals(Long.MAX_VALUE, Quantities.value("8Ei"), "8Ei is past a long and saturates");
    }

    @Test
    void missingOrMalformedTextReadsAsZero() {
        assertEquals(0, Quantities.value(null));
        assertEquals(0, Quantities.value(""));
        assertEquals(0, Quantities.milliValue("abc"));
        assertEquals(0, Quantities.value("1K"), "k is the only lower-case decimal suffix");
        assertNull(Quantities.parse("1e"));
        assertNull(Quantities.parse("."));
    }

    @Test
    void negativeQuantitiesStayNegative() {
        assertEquals(-100, Quantities.milliValue("-100m"));
    }
}
