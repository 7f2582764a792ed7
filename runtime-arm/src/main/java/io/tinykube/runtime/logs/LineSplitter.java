package io.tinykube.runtime.logs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Cuts one stream's bytes into CRI records the way containerd's cri logger does: a line ending in
 * {@code \n} (or {@code \r\n}, both dropped) is one F record; a line longer than the maximum is cut into
 * P records of exactly that length, the rest following; bytes left without a newline when the stream
 * ends are written as a P record. Not thread-safe: one splitter per stream.
 */
final class LineSplitter {
    private final LogStream stream;
    private final int maxLineLength;
    private final Clock clock;
    /** One byte more than a line may hold, so a trailing '\r' can wait for the '\n' that may follow. */
    private final byte[] pending;
    private int pendingLength;

    LineSplitter(LogStream stream, int maxLineLength, Clock clock) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive: " + maxLineLength);
        }
        this.stream = stream;
        this.maxLineLength = maxLineLength;
        this.clock = clock;
        this.pending = new byte[maxLineLength + 1];
    }

    /** Appends to {@code out} the records completed by these bytes. */
    void feed(byte[] data, int offset, int length, ByteArrayOutputStream out) {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int newline = CriLogFormat.indexOf(data, position, end, (byte) '\n');
            int segmentEnd = newline < 0 ? end : newline;
            appendSplitting(data, position, segmentEnd, newline < 0, out);
            if (newline < 0) {
                return;
            }
            int lineLength = pendingLength;
            if (lineLength > 0 && pending[lineLength - 1] == '\r') {
                lineLength--;
            }
            if (lineLength > maxLineLength) {
                emitPartialPrefix(out);
                lineLength = pendingLength;
            }
            emit(false, pending, 0, lineLength, out);
            pendingLength = 0;
            position = newline + 1;
        }
    }

    /** The stream ended (its writer closed): what is left is written as a partial record. */
    void finish(ByteArrayOutputStream out) {
        if (pendingLength > maxLineLength) {
            emitPartialPrefix(out);
        }
        if (pendingLength > 0) {
            emit(true, pending, 0, pendingLength, out);
            pendingLength = 0;
        }
    }

    private void appendSplitting(byte[] data, int from, int to, boolean lineContinues, ByteArrayOutputStream out) {
        int position = from;
        while (position < to) {
            if (pendingLength == pending.length) {
                emitPartialPrefix(out);
            }
            int count = Math.min(pending.length - pendingLength, to - position);
            System.arraycopy(data, position, pending, pendingLength, count);
            pendingLength += count;
            position += count;
        }
        // Cut a full buffer at once, unless it ends in a '\r' the next chunk may complete as "\r\n".
        if (lineContinues && pendingLength == pending.length && pending[pendingLength - 1] != '\r') {
            emitPartialPrefix(out);
        }
    }

    private void emitPartialPrefix(ByteArrayOutputStream out) {
        emit(true, pending, 0, maxLineLength, out);
        int rest = pendingLength - maxLineLength;
        System.arraycopy(pending, maxLineLength, pending, 0, rest);
        pendingLength = rest;
    }

    private void emit(boolean partial, byte[] content, int offset, int length, ByteArrayOutputStream out) {
        byte[] timestamp = CriLogFormat.formatTimestamp(clock.instant()).getBytes(StandardCharsets.US_ASCII);
        CriLogFormat.encode(out, timestamp, stream, partial, content, offset, length);
    }
}
