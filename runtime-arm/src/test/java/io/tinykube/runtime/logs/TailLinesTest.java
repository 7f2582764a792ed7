package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailLinesTest {
    @TempDir
    Path dir;

    @Test
    void tailOfALargeFileReadsOnlyItsEnd() throws Exception {
        Path logFile = dir.resolve("0.log");
        Instant start = Instant.parse("2026-11-23T17:00:00Z");
        int lines = 500_000;
        try (BufferedWriter out = Files.newBufferedWriter(logFile)) {
            for (int i = 0; i < lines; i++) {
                out.write(CriLogFormat.format(start.plusMillis(i), i % 3 == 0 ? LogStream.STDERR : LogStream.STDOUT,
                        false, "line " + i + " " + "-".repeat(70)));
            }
        }
        long size = Files.size(logFile);
        assertTrue(size > 50_000_000, "file is " + size);

        AtomicLong bytesRead = new AtomicLong();
        ContainerLogReader reader = new ContainerLogReader(dir, 0, file -> new CountingChannel(FileChannel.open(file), bytesRead));
        String served = LogFiles.read(reader, LogReadOptions.defaults().withTailLines(3));

        String dashes = "-".repeat(70);
        assertEquals("line 499997 " + dashes + "\nline 499998 " + dashes + "\nline 499999 " + dashes + "\n", served);
        assertTrue(bytesRead.get() < 300_000, "read " + bytesRead.get() + " bytes of " + size);
    }

    @Test
    void countsWholeLinesOfTheSelectedStreams() throws Exception {
        LogFiles.write(dir.resolve("0.log"),
                "2026-01-01T00:00:01Z stdout F one",
                "2026-01-01T00:00:02Z stdout P tw",
                "2026-01-01T00:00:03Z stderr F err one",
                "2026-01-01T00:00:04Z stdout P o",
                "2026-01-01T00:00:05Z stderr F err two",
                "2026-01-01T00:00:06Z stdout F !");
        ContainerLogReader reader = new ContainerLogReader(dir, 0);
        assertEquals("two!\n", LogFiles.read(reader, LogReadOptions.defaults().withTailLines(1)));
        assertEquals("err two\ntwo!\n", LogFiles.read(reader, LogReadOptions.defaults().withTailLines(2)));
        assertEquals("err one\nerr two\ntwo!\n", LogFiles.read(reader, LogReadOptions.defaults().withTailLines(3)));
        assertEquals("one\nerr one\nerr two\ntwo!\n", LogFiles.read(reader, LogReadOptions.defaults().withTailLines(99)));
        assertEquals("", LogFiles.read(reader, LogReadOptions.defaults().withTailLines(0)));
        assertEquals("one\ntwo!\n", LogFiles.read(reader,
                LogReadOptions.defaults().withTailLines(2).withStreams(EnumSet.of(LogStream.STDOUT))));
    }

    @Test
    void anUnfinishedLastLineCountsAsALine() throws Exception {
        LogFiles.write(dir.resolve("0.log"),
                "2026-01-01T00:00:01Z stdout F one",
                "2026-01-01T00:00:02Z stdout F two",
                "2026-01-01T00:00:03Z stdout P thr",
                "2026-01-01T00:00:04Z stdout P ee");
        assertEquals("two\nthree", LogFiles.read(new ContainerLogReader(dir, 0), LogReadOptions.defaults().withTailLines(2)));
    }

    @Test
    void tailIsTakenBeforeSince() throws Exception {
        LogFiles.write(dir.resolve("0.log"),
                "2026-01-01T00:00:01Z stdout F one",
                "2026-01-01T00:00:02Z stdout F two",
                "2026-01-01T00:00:03Z stdout F three");
        assertEquals("three\n", LogFiles.read(new ContainerLogReader(dir, 0), LogReadOptions.defaults()
                .withTailLines(2).withSinceTime(Instant.parse("2026-01-01T00:00:03Z"))));
    }

    /** Counts the bytes read through a channel. */
    private static final class CountingChannel implements SeekableByteChannel {
        private final FileChannel channel;
        private final AtomicLong count;

        CountingChannel(FileChannel channel, AtomicLong count) {
            this.channel = channel;
            this.count = count;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int read = channel.read(dst);
            if (read > 0) {
                count.addAndGet(read);
            }
            return read;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
