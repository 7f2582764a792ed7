package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records cut as containerd's cri logger cuts them (internal/cri/io/logger.go, maxLen 16 KiB). */
class LineSplittingTest {
    private static final int MAX = CriLogFormat.MAX_LINE_LENGTH;

    @Test
    void eachLineIsOneFullRecordWithoutItsNewline() {
        assertEquals(List.of("F:a", "F:", "F:b c"), split("a\n\nb c\n"));
    }

    @Test
    void carriageReturnNewlineIsDroppedAsContainerdDoes() {
        assertEquals(List.of("F:dos", "F:mid\rdle"), split("dos\r\nmid\rdle\n"));
    }

    @Test
    void lastLineWithoutNewlineIsPartialAtEndOfStream() {
        assertEquals(List.of("F:one", "P:two"), split("one\ntwo"));
    }

    @Test
    void lineOfExactlyTheMaximumStaysOneFullRecord() {
        assertEquals(List.of("F:" + "x".repeat(MAX)), split("x".repeat(MAX) + "\n"));
        assertEquals(List.of("F:" + "x".repeat(MAX)), split("x".repeat(MAX) + "\r\n"));
    }

    @Test
    void longerLinesAreCutIntoPartialRecordsOfTheMaximum() {
        assertEquals(List.of("P:" + "x".repeat(MAX), "F:y"), split("x".repeat(MAX) + "y\n"));
        String line = "a".repeat(MAX) + "b".repeat(MAX) + "c".repeat(100);
        assertEquals(List.of("P:" + "a".repeat(MAX), "P:" + "b".repeat(MAX), "F:" + "c".repeat(100)),
                split(line + "\n"));
        assertEquals(List.of("P:" + "a".repeat(MAX), "F:" + "b".repeat(MAX)),
                split("a".repeat(MAX) + "b".repeat(MAX) + "\n"));
    }

    @Test
    void recordsDoNotDependOnHowTheBytesArrive() {
        String text = "short\n" + "z".repeat(MAX + 5) + "\r\n" + "w".repeat(MAX) + "\r" + "\nend";
        List<String> whole = split(text);
        for (int chunk : new int[] {1, 7, 4096, MAX, MAX + 1}) {
            assertEquals(whole, split(text, chunk), "chunks of " + chunk);
        }
        assertEquals(List.of("F:short", "P:" + "z".repeat(MAX), "F:zzzzz", "F:" + "w".repeat(MAX), "P:end"), whole);
    }

    private static List<String> split(String text) {
        return split(text, Integer.MAX_VALUE);
    }

    /** Feeds the text in chunks, then ends the stream; returns "TAG:content" per record. */
    private static List<String> split(String text, int chunk) {
        LineSplitter splitter = new LineSplitter(LogStream.STDOUT, MAX, new MutableClock(Instant.EPOCH));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            splitter.feed(bytes, i, Math.min(chunk, bytes.length - i), out);
        }
        splitter.finish(out);
        List<String> records = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            byte[] recordBytes = line.getBytes(StandardCharsets.UTF_8);
            LogRecord record = CriLogFormat.parse(recordBytes, 0, recordBytes.length);
            assertEquals("1970-01-01T00:00:00Z", line.substring(0, 20));
            records.add((record.partial() ? "P:" : "F:") + LogFiles.content(record));
        }
        return records;
    }
}
