package io.tinykube.runtime.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * Reads CRI records forward from an offset, one newline-terminated record at a time; a record still being
 * written (no newline yet) waits in the buffer until its end arrives.
 */
final class RecordReader {
    private static final int CHUNK = 64 * 1024;

    private final SeekableByteChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    /** File offset of the buffer's first unconsumed byte. */
    private long offset;

    RecordReader(SeekableByteChannel channel, long start) throws IOException {
        this.channel = channel;
        this.offset = start;
        channel.position(start);
        buffer.flip();
    }

    /** The next complete record, or null when none is complete yet; {@link #recordEnd()} is past it. */
    byte[] next() throws IOException {
        while (true) {
            int newline = CriLogFormat.indexOf(buffer.array(), buffer.position(), buffer.limit(), (byte) '\n');
            if (newline >= 0) {
                int start = buffer.position();
                byte[] record = Arrays.copyOfRange(buffer.array(), start, newline);
                buffer.position(newline + 1);
                offset += newline + 1 - start;
                return record;
            }
            if (!fill()) {
                return null;
            }
        }
    }

    /** The bytes after the last newline: a record cut short (kubelet still parses one at EOF). */
    byte[] remainder() {
        return Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
    }

    /** File offset just past the last record returned. */
    long recordEnd() {
        return offset;
    }

    /** True when the file holds bytes not yet read into the buffer. */
    boolean hasUnread() throws IOException {
        return channel.size() > channel.position();
    }

    private boolean fill() throws IOException {
        buffer.compact();
        if (!buffer.hasRemaining()) {
            // A record longer than the buffer (not one we write): grow.
            ByteBuffer larger = ByteBuffer.allocate(buffer.capacity() * 2);
            buffer.flip();
            larger.put(buffer);
            buffer = larger;
        }
        int read = channel.read(buffer);
        buffer.flip();
        return read > 0;
    }
}
