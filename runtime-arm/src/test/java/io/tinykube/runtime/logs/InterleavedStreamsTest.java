package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterleavedStreamsTest {
    private static final int LINES = 3000;

    @TempDir
    Path dir;

    @Test
    void recordsOfBothStreamsInterleaveButNeverMix() throws Exception {
        Path logFile = dir.resolve("0.log");
        PipedInputStream stdoutIn = new PipedInputStream(64 * 1024);
        PipedInputStream stderrIn = new PipedInputStream(64 * 1024);
        PipedOutputStream stdout = new PipedOutputStream(stdoutIn);
        PipedOutputStream stderr = new PipedOutputStream(stderrIn);
        try (ContainerLogWriter writer = new ContainerLogWriter(logFile, LogRotationPolicy.DISABLED)) {
            writer.start(stdoutIn, stderrIn);
            Thread out = new Thread(() -> produce(stdout, "out"));
            Thread err = new Thread(() -> produce(stderr, "err"));
            out.start();
            err.start();
            out.join();
            err.join();
        }

        Map<LogStream, List<String>> lines = new EnumMap<>(LogStream.class);
        lines.put(LogStream.STDOUT, new ArrayList<>());
        lines.put(LogStream.STDERR, new ArrayList<>());
        for (LogRecord record : LogFiles.records(logFile)) {
            assertEquals(false, record.partial());
            lines.get(record.stream()).add(LogFiles.content(record));
        }
        assertEquals(expected("out"), lines.get(LogStream.STDOUT));
        assertEquals(expected("err"), lines.get(LogStream.STDERR));
    }

    /** Lines of varying length written in odd-sized pieces, so writes end mid-line. */
    private static void produce(OutputStream stream, String name) {
        byte[] all = String.join("", expected(name).stream().map(line -> line + "\n").toList())
                .getBytes(StandardCharsets.UTF_8);
        try (stream) {
            for (int i = 0; i < all.length; i += 777) {
                stream.write(all, i, Math.min(777, all.length - i));
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static List<String> expected(String name) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            lines.add(name + " " + i + " " + name.repeat(i % 50));
        }
        return lines;
    }
}
