package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** since, timestamps, limitBytes and stream selection, as kubelet applies them. */
class ServingOptionsTest {
    @TempDir
    Path dir;
    ContainerLogReader reader;

    @BeforeEach
    void writeLog() throws Exception {
        LogFiles.write(dir.resolve("0.log"),
                "2026-01-01T00:00:01.5Z stdout F one",
                "2026-01-01T00:00:02Z stderr F two",
                "2026-01-01T00:00:03.000000001Z stdout P thr",
                "2026-01-01T00:00:04Z stdout F ee");
        reader = new ContainerLogReader(dir, 0);
    }

    @Test
    void sinceSkipsLinesStartedBefore() throws Exception {
        assertEquals("two\nthree\n", LogFiles.read(reader,
                LogReadOptions.defaults().withSinceTime(Instant.parse("2026-01-01T00:00:02Z"))));
        // The line started at 3.000000001 even if it ended at 4.
        assertEquals("", LogFiles.read(reader,
                LogReadOptions.defaults().withSinceTime(Instant.parse("2026-01-01T00:00:03.5Z"))));
    }

    @Test
    void sinceSecondsCountsBackFromNowAndTheLaterSinceWins() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:04Z");
        assertEquals("three\n", LogFiles.read(reader, LogReadOptions.defaults().withSinceSeconds(1, now)));
        assertEquals("three\n", LogFiles.read(reader, LogReadOptions.defaults()
                .withSinceSeconds(1, now).withSinceTime(Instant.parse("2026-01-01T00:00:00Z"))));
    }

    @Test
    void timestampsPrefixEachLineWithItsFirstRecordsTimeInNineDigits() throws Exception {
        assertEquals("""
                2026-01-01T00:00:01.500000000Z one
                2026-01-01T00:00:02.000000000Z two
                2026-01-01T00:00:03.000000001Z three
                """, LogFiles.read(reader, LogReadOptions.defaults().withTimestamps(true)));
    }

    @Test
    void limitBytesCutsWhatIsServedPrefixesIncluded() throws Exception {
        assertEquals("one\ntw", LogFiles.read(reader, LogReadOptions.defaults().withLimitBytes(6)));
        assertEquals("2026-01-01T00:00:01.500000000Z o",
                LogFiles.read(reader, LogReadOptions.defaults().withTimestamps(true).withLimitBytes(32)));
        assertEquals("one\ntwo\nthree\n", LogFiles.read(reader, LogReadOptions.defaults().withLimitBytes(1000)));
    }

    @Test
    void streamsCanBeSelected() throws Exception {
        assertEquals("two\n", LogFiles.read(reader, LogReadOptions.defaults().withStreams(EnumSet.of(LogStream.STDERR))));
        assertEquals("one\nthree\n",
                LogFiles.read(reader, LogReadOptions.defaults().withStreams(EnumSet.of(LogStream.STDOUT))));
    }
}
