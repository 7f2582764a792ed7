package io.tinykube.server.api.protobuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** metav1.Time, MicroTime and Duration text as Go writes it. */
class ProtobufGoFormatsTest {
    @Test
    void timeToTheSecond() {
        assertEquals("2024-01-02T03:04:05Z", GoFormats.rfc3339(1704164645, 0));
        assertEquals("2024-01-02T03:04:05Z", GoFormats.rfc3339(1704164645, 999_999_999));
        assertEquals("1970-01-01T00:00:00Z", GoFormats.rfc3339(0, 0));
        assertEquals("1969-12-31T23:59:59Z", GoFormats.rfc3339(-1, 0));
        assertEquals("2024-01-02T03:04:06Z", GoFormats.rfc3339(1704164645, 1_000_000_000L));
        assertEquals("0001-01-01T00:00:00Z", GoFormats.rfc3339(-62135596800L, 0));
        assertThrows(ProtobufBodyException.class, () -> GoFormats.rfc3339(Long.MAX_VALUE, 0));
    }

    @Test
    void microTimeWithSixDigitsTruncated() {
        assertEquals("2024-01-02T03:04:05.123456Z", GoFormats.rfc3339Micro(1704164645, 123_456_789));
        assertEquals("2024-01-02T03:04:05.000000Z", GoFormats.rfc3339Micro(1704164645, 0));
        assertEquals("2024-01-02T03:04:05.000001Z", GoFormats.rfc3339Micro(1704164645, 1_999));
    }

    @Test
    void durationsLikeGo() {
        assertEquals("0s", GoFormats.duration(0));
        assertEquals("1ns", GoFormats.duration(1));
        assertEquals("999ns", GoFormats.duration(999));
        assertEquals("1µs", GoFormats.duration(1_000));
        assertEquals("1.5µs", GoFormats.duration(1_500));
        assertEquals("1.1ms", GoFormats.duration(1_100_000));
        assertEquals("300ms", GoFormats.duration(300_000_000));
        assertEquals("1s", GoFormats.duration(1_000_000_000L));
        assertEquals("1.5s", GoFormats.duration(1_500_000_000L));
        assertEquals("1m0s", GoFormats.duration(60_000_000_000L));
        assertEquals("1m30s", GoFormats.duration(90_000_000_000L));
        assertEquals("1h0m0s", GoFormats.duration(3_600_000_000_000L));
        assertEquals("2h3m4.000000005s", GoFormats.duration(7_384_000_000_005L));
        assertEquals("-2.5s", GoFormats.duration(-2_500_000_000L));
        assertEquals("-1ns", GoFormats.duration(-1));
        assertEquals("2562047h47m16.854775807s", GoFormats.duration(Long.MAX_VALUE));
        assertEquals("-2562047h47m16.854775808s", GoFormats.duration(Long.MIN_VALUE));
    }
}
