package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CriRecordFormatTest {

    @Test
    void timestampsAreGoRfc3339NanoWithTrailingZerosTrimmed() {
        assertEquals("2026-11-23T17:00:00.123456789Z",
                CriLogFormat.formatTimestamp(Instant.parse("2026-11-23T17:00:00.123456789Z")));
        assertEquals("2026-11-23T17:00:00.1234Z",
                CriLogFormat.formatTimestamp(Instant.parse("2026-11-23T17:00:00.123400000Z")));
        assertEquals("2026-11-23T17:00:00.000000001Z",
                CriLogFormat.formatTimestamp(Instant.parse("2026-11-23T17:00:00.000000001Z")));
        assertEquals("2026-11-23T17:00:00Z", CriLogFormat.formatTimestamp(Instant.parse("2026-11-23T17:00:00Z")));
    }

    @Test
    void recordsAreTimestampStreamTagContent() {
        assertEquals("2016-10-06T00:17:09.669794202Z stdout P log content 1\n", CriLogFormat.format(
                Instant.parse("2016-10-06T00:17:09.669794202Z"), LogStream.STDOUT, true, "log content 1"));
        assertEquals("2016-10-06T00:17:09.669794203Z stderr F log content 2\n", CriLogFormat.format(
                Instant.parse("2016-10-06T00:17:09.669794203Z"), LogStream.STDERR, false, "log content 2"));
    }

    @Test
    void parsesKubeletsExamples() {
        LogRecord partial = parse("2016-10-06T00:17:09.669794202Z stdout P log content 1");
        assertEquals(Instant.parse("2016-10-06T00:17:09.669794202Z"), partial.timestamp().toInstant());
        assertEquals(LogStream.STDOUT, partial.stream());
        assertTrue(partial.partial());
        assertEquals("log content 1", LogFiles.content(partial));

        LogRecord full = parse("2016-10-06T00:17:09.669794203Z stderr F log content 2\n");
        assertEquals(LogStream.STDERR, full.stream());
        assertFalse(full.partial());
        assertEquals("log content 2", LogFiles.content(full));
    }

    @Test
    void contentKeepsItsSpacesAndMayBeEmpty() {
        assertEquals("  two  spaces ", LogFiles.content(parse("2026-01-01T00:00:00Z stdout F   two  spaces ")));
        assertEquals("", LogFiles.content(parse("2026-01-01T00:00:00Z stdout F ")));
    }

    @Test
    void acceptsAnyFractionLengthOffsetsAndExtraTags() {
        LogRecord record = parse("2026-01-01T01:00:00.5+01:00 stdout F:x:y hello");
        assertEquals(OffsetDateTime.of(2026, 1, 1, 1, 0, 0, 500_000_000, ZoneOffset.ofHours(1)), record.timestamp());
        assertFalse(record.partial());
        assertTrue(parse("2026-01-01T00:00:00Z stdout P:x hello").partial());
    }

    @Test
    void writtenRecordsParseBackExactly() {
        Instant time = Instant.parse("2026-11-23T17:00:00.1Z");
        byte[] content = "é \t\r x".getBytes(StandardCharsets.UTF_8);
        var out = new java.io.ByteArrayOutputStream();
        CriLogFormat.encode(out, CriLogFormat.formatTimestamp(time).getBytes(StandardCharsets.US_ASCII),
                LogStream.STDERR, true, content, 0, content.length);
        byte[] bytes = out.toByteArray();
        LogRecord record = CriLogFormat.parse(bytes, 0, bytes.length);
        assertEquals(time, record.timestamp().toInstant());
        assertEquals(LogStream.STDERR, record.stream());
        assertTrue(record.partial());
        assertArrayEquals(content, record.content());
    }

    @Test
    void linesThatAreNotRecordsAreRefused() {
        assertNull(parse("garbage"));
        assertNull(parse("2026-01-01T00:00:00Z stdin F x"));
        assertNull(parse("yesterday stdout F x"));
        assertNull(parse("2026-01-01T00:00:00Z stdout"));
        assertNull(parse("{\"log\":\"x\",\"stream\":\"stdout\",\"time\":\"2016-10-20T18:39:20.57606443Z\"}"));
    }

    @Test
    void servedTimestampsAlwaysHaveNineDigitsAsKubeletWritesThem() {
        assertEquals("2026-11-23T17:00:00.100000000Z",
                CriLogFormat.formatFixedTimestamp(CriLogFormat.parseTimestamp("2026-11-23T17:00:00.1Z")));
        assertEquals("2026-11-23T17:00:00.000000000+01:00",
                CriLogFormat.formatFixedTimestamp(CriLogFormat.parseTimestamp("2026-11-23T17:00:00+01:00")));
    }

    private static LogRecord parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return CriLogFormat.parse(bytes, 0, bytes.length);
    }
}
