package io.tinykube.runtime.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reading back what the writer wrote, for assertions. */
final class LogFiles {
    private LogFiles() {
    }

    /** Every record of a file (gzipped or not); fails on a line that is not a CRI record. */
    static List<LogRecord> records(Path file) throws IOException {
        byte[] bytes;
        if (file.toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                bytes = in.readAllBytes();
            }
        } else {
            bytes = Files.readAllBytes(file);
        }
        List<LogRecord> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                LogRecord record = CriLogFormat.parse(bytes, start, i - start);
                if (record == null) {
                    throw new AssertionError("not a CRI record: " + new String(bytes, start, i - start, StandardCharsets.UTF_8));
                }
                records.add(record);
                start = i + 1;
            }
        }
        if (start != bytes.length) {
            throw new AssertionError("file " + file + " ends inside a record");
        }
        return records;
    }

    static String content(LogRecord record) {
        return new String(record.content(), StandardCharsets.UTF_8);
    }

    /** Runs a non-following read and returns what it served. */
    static String read(ContainerLogReader reader, LogReadOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.read(options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes a CRI log file from records given as text lines, for reader tests. */
    static void write(Path file, String... records) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", records) + "\n");
    }
}
