package io.tinykube.runtime.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Finds where the last N lines of a CRI log start by reading it backwards in blocks from the end, as
 * kubelet's tail package does, but counting whole lines of the selected streams: a line ends at an F record
 * (or is the trailing P records of a stream at EOF) and starts after the previous F record of its stream,
 * which may lie before records of the other stream. The offset returned is before every record of those
 * lines; records of older lines after it are for the caller to drop.
 */
final class TailLocator {
    private static final int BLOCK = 64 * 1024;
    /** Enough for any timestamp, stream and tag. */
    private static final int HEADER = 96;

    private final SeekableByteChannel channel;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK);
    private long blockStart;
    private long blockEnd;

    private TailLocator(SeekableByteChannel channel, long end) {
        this.channel = channel;
        this.blockStart = end;
        this.blockEnd = end;
    }

    static long startOfLastLines(SeekableByteChannel channel, long end, long lines, Set<LogStream> streams)
            throws IOException {
        if (lines == 0) {
            return end;
        }
        return new TailLocator(channel, end).scan(end, lines, streams);
    }

    private long scan(long end, long lines, Set<LogStream> streams) throws IOException {
        boolean[] seen = new boolean[LogStream.values().length];
        boolean[] open = new boolean[seen.length];
        int openCount = 0;
        long lineEnds = 0;
        long limit = end > 0 && byteAt(end - 1) == '\n' ? end - 1 : end;
        while (limit > 0) {
            long newline = lastNewlineBefore(limit);
            long recordStart = newline + 1;
            RecordHeader header = header(recordStart, limit);
            if (header != null && streams.contains(header.stream())) {
                int stream = header.stream().ordinal();
                boolean endsLine = !header.partial() || !seen[stream];
                seen[stream] = true;
                if (endsLine) {
                    if (open[stream]) {
                        open[stream] = false;
                        openCount--;
                    }
                    lineEnds++;
                    if (lineEnds <= lines) {
                        open[stream] = true;
                        openCount++;
                    } else if (openCount == 0) {
                        return limit + 1;
                    }
                }
            }
            if (newline < 0) {
                return 0;
            }
            limit = newline;
        }
        return 0;
    }

    /** The offset of the last '\n' before {@code limit}, or -1. */
    private long lastNewlineBefore(long limit) throws IOException {
        long position = limit - 1;
        while (position >= 0) {
            if (position < blockStart) {
                loadBlockEndingAt(position + 1);
            }
            int index = (int) (position - blockStart);
            byte[] bytes = block.array();
            for (int i = index; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    return blockStart + i;
                }
            }
            position = blockStart - 1;
        }
        return -1;
    }

    private byte byteAt(long position) throws IOException {
        if (position < blockStart || position >= blockEnd) {
            loadBlockEndingAt(position + 1);
        }
        return block.array()[(int) (position - blockStart)];
    }

    private void loadBlockEndingAt(long end) throws IOException {
        long start = Math.max(0, end - BLOCK);
        readFully(start, block.array(), (int) (end - start));
        blockStart = start;
        blockEnd = end;
    }

    private RecordHeader header(long recordStart, long recordEnd) throws IOException {
        int length = (int) Math.min(HEADER, recordEnd - recordStart);
        byte[] bytes = new byte[length];
        if (recordStart >= blockStart && recordStart + length <= blockEnd) {
            System.arraycopy(block.array(), (int) (recordStart - blockStart), bytes, 0, length);
        } else {
            readFully(recordStart, bytes, length);
        }
        int timeEnd = CriLogFormat.indexOf(bytes, 0, length, (byte) ' ');
        int streamEnd = timeEnd < 0 ? -1 : CriLogFormat.indexOf(bytes, timeEnd + 1, length, (byte) ' ');
        if (streamEnd < 0 || streamEnd + 1 >= length) {
            return null;
        }
        LogStream stream = LogStream.fromCriName(
                new String(bytes, timeEnd + 1, streamEnd - timeEnd - 1, StandardCharsets.ISO_8859_1));
        return stream == null ? null : new RecordHeader(stream, bytes[streamEnd + 1] == 'P');
    }

    private void readFully(long position, byte[] target, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(target, 0, length);
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("log file shrank while reading its tail");
            }
        }
    }

    private record RecordHeader(LogStream stream, boolean partial) {
    }
}
