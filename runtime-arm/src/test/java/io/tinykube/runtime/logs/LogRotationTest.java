package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotationTest {
    private static final LogRotationPolicy POLICY = new LogRotationPolicy(4096, 4);

    @TempDir
    Path dir;

    @Test
    void keepsAtMostMaxFilesNamedAsKubeletNamesThem() throws Exception {
        Path logFile = dir.resolve("0.log");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T17:00:00Z"));
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            written.add("line " + i + " " + "x".repeat(i % 90));
        }
        writeAll(logFile, clock, written, Duration.ofSeconds(1));

        List<String> names = fileNames();
        assertEquals(POLICY.maxFiles(), names.size(), names.toString());
        assertEquals("0.log", names.get(0));
        // Oldest first: gzipped ones, then the newest rotated one left plain for readers finishing it.
        for (String name : names.subList(1, names.size() - 1)) {
            assertTrue(name.matches("0\\.log\\.2026112[34]-\\d{6}\\.gz"), name);
        }
        assertTrue(names.get(names.size() - 1).matches("0\\.log\\.2026112[34]-\\d{6}"), names.toString());

        List<String> kept = new ArrayList<>();
        for (String name : names.subList(1, names.size())) {
            Path file = dir.resolve(name);
            if (!name.endsWith(".gz")) {
                assertTrue(Files.size(file) <= POLICY.maxSizeBytes(), name + " is " + Files.size(file));
            }
            LogFiles.records(file).forEach(record -> kept.add(LogFiles.content(record)));
        }
        LogFiles.records(logFile).forEach(record -> kept.add(LogFiles.content(record)));
        assertTrue(Files.size(logFile) <= POLICY.maxSizeBytes());
        assertTrue(kept.size() > 60, "kept " + kept.size());
        // What is kept is exactly the most recent lines, none lost between files, none twice.
        assertEquals(written.subList(written.size() - kept.size(), written.size()), kept);
    }

    @Test
    void noSecondRotationWithinOneSecondSoNamesNeverCollide() throws Exception {
        Path logFile = dir.resolve("0.log");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T17:00:00Z"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add("same second " + i + " " + "y".repeat(60));
        }
        writeAll(logFile, clock, lines, Duration.ofMillis(1));
        assertEquals(List.of("0.log", "0.log.20261123-170000"), fileNames());
        int recordCount = LogFiles.records(logFile).size() + LogFiles.records(dir.resolve("0.log.20261123-170000")).size();
        assertEquals(200, recordCount);
    }

    @Test
    void leftoversOfAnInterruptedRotationAreCleanedUp() throws Exception {
        Path logFile = dir.resolve("0.log");
        Files.writeString(dir.resolve("0.log.20261101-000000.tmp"), "half compressed");
        Files.writeString(dir.resolve("0.log.20261101-000001"), "already compressed");
        Files.writeString(dir.resolve("0.log.20261101-000001.gz"), "");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T17:00:00Z"));
        writeAll(logFile, clock, Collections.nCopies(40, "z".repeat(100)), Duration.ofSeconds(1));
        List<String> names = fileNames();
        assertFalse(names.contains("0.log.20261101-000000.tmp"), names.toString());
        assertFalse(names.contains("0.log.20261101-000001"), names.toString());
        assertTrue(names.contains("0.log.20261101-000001.gz"), names.toString());
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** Writes the lines to stdout one read each, stepping the clock before each by {@code step}. */
    private static void writeAll(Path logFile, MutableClock clock, List<String> lines, Duration step)
            throws IOException {
        try (ContainerLogWriter writer = new ContainerLogWriter(logFile, POLICY, clock, CriLogFormat.MAX_LINE_LENGTH)) {
            writer.attach(LogStream.STDOUT, new LineSource(lines, () -> clock.advance(step)));
        }
    }
}
