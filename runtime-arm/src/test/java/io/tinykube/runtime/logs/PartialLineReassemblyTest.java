package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialLineReassemblyTest {
    @TempDir
    Path dir;

    @Test
    void partialRecordsJoinTheRecordsOfTheirStreamThatFollow() throws Exception {
        LogFiles.write(dir.resolve("0.log"),
                "2026-01-01T00:00:01Z stdout P hel",
                "2026-01-01T00:00:02Z stderr F an error",
                "2026-01-01T00:00:03Z stdout P lo ",
                "2026-01-01T00:00:04Z stdout F world",
                "2026-01-01T00:00:05Z stdout F next");
        String served = LogFiles.read(new ContainerLogReader(dir, 0), LogReadOptions.defaults());
        assertEquals("an error\nhello world\nnext\n", served);
    }

    @Test
    void aLastLineWithoutEndIsServedWithoutNewline() throws Exception {
        LogFiles.write(dir.resolve("0.log"),
                "2026-01-01T00:00:01Z stdout F done",
                "2026-01-01T00:00:02Z stdout P still typing");
        assertEquals("done\nstill typing", LogFiles.read(new ContainerLogReader(dir, 0), LogReadOptions.defaults()));
    }

    @Test
    void linesCutAtSixteenKibibytesComeBackWhole() throws Exception {
        String longLine = "0123456789abcdef".repeat(3000);
        Path logFile = dir.resolve("0.log");
        try (ContainerLogWriter writer = new ContainerLogWriter(logFile, LogRotationPolicy.DISABLED)) {
            writer.attach(LogStream.STDOUT, new ByteArrayInputStream((longLine + "\nshort\n").getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(4, LogFiles.records(logFile).size());
        assertEquals(longLine + "\nshort\n", LogFiles.read(new ContainerLogReader(dir, 0), LogReadOptions.defaults()));
    }

    @Test
    void linesThatAreNotRecordsAreSkipped() throws Exception {
        LogFiles.write(dir.resolve("0.log"),
                "2026-01-01T00:00:01Z stdout F one",
                "not a record",
                "2026-01-01T00:00:02Z stdout F two");
        assertEquals("one\ntwo\n", LogFiles.read(new ContainerLogReader(dir, 0), LogReadOptions.defaults()));
    }
}
