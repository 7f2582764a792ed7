package io.tinykube.runtime.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns records back into lines and serves them: P records of a stream are joined with the records that
 * follow them in the same stream (the other stream's records may come between), a line carries the
 * timestamp of its first record, then {@code since}, {@code timestamps} and {@code limitBytes} apply. While
 * collecting (for tailLines) finished lines are held, the last {@code tailLines} only, until {@link
 * #stopCollecting()}.
 */
final class LineOutput {
    /** A line still unfinished past this many bytes is served in pieces, so a hostile container cannot grow it. */
    static final int MAX_PENDING_LINE = 1024 * 1024;

    private final Set<LogStream> streams;
    private final Instant since;
    private final boolean timestamps;
    private final OutputStream out;
    private final Map<LogStream, PendingLine> pending = new EnumMap<>(LogStream.class);
    private final Deque<Line> collected = new ArrayDeque<>();
    private final long collectLimit;
    private boolean collecting;
    private long remainingBytes;
    private long sequence;

    LineOutput(LogReadOptions options, OutputStream out) {
        this.streams = options.streams();
        this.since = options.since();
        this.timestamps = options.timestamps();
        this.out = out;
        this.collectLimit = options.tailLines();
        this.collecting = options.tailLines() >= 0;
        this.remainingBytes = options.limitBytes() < 0 ? Long.MAX_VALUE : options.limitBytes();
    }

    boolean collecting() {
        return collecting;
    }

    /** Takes one record; true once limitBytes is reached and nothing more may be served. */
    boolean accept(LogRecord record) throws IOException {
        if (!streams.contains(record.stream())) {
            return false;
        }
        PendingLine line = pending.computeIfAbsent(record.stream(), stream -> new PendingLine());
        if (line.bytes.size() == 0 && !line.continued) {
            line.timestamp = record.timestamp();
        }
        line.bytes.writeBytes(record.content());
        line.lastTouched = ++sequence;
        if (!record.partial()) {
            line.bytes.write('\n');
            return finishLine(line, false);
        }
        if (line.bytes.size() >= MAX_PENDING_LINE) {
            return finishLine(line, true);
        }
        return false;
    }

    /** Serves the unfinished lines as they are (without newline), oldest first, as kubelet does at EOF. */
    boolean flushPending() throws IOException {
        var unfinished = pending.values().stream()
                .filter(line -> line.bytes.size() > 0)
                .sorted(Comparator.comparingLong(line -> line.lastTouched))
                .toList();
        for (PendingLine line : unfinished) {
            if (finishLine(line, false)) {
                return true;
            }
        }
        return false;
    }

    /** Serves the collected tail; true once limitBytes is reached. */
    boolean stopCollecting() throws IOException {
        collecting = false;
        while (!collected.isEmpty()) {
            if (serve(collected.removeFirst())) {
                return true;
            }
        }
        return false;
    }

    void flush() throws IOException {
        out.flush();
    }

    private boolean finishLine(PendingLine pendingLine, boolean continues) throws IOException {
        Line line = new Line(pendingLine.timestamp, pendingLine.bytes.toByteArray(), pendingLine.continued);
        pendingLine.bytes.reset();
        pendingLine.continued = continues;
        if (collecting) {
            collected.addLast(line);
            if (collected.size() > collectLimit) {
                collected.removeFirst();
            }
            return false;
        }
        return serve(line);
    }

    private boolean serve(Line line) throws IOException {
        if (since != null && line.timestamp.toInstant().isBefore(since)) {
            return false;
        }
        if (timestamps && !line.continuation) {
            if (write((CriLogFormat.formatFixedTimestamp(line.timestamp) + ' ').getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return write(line.content);
    }

    private boolean write(byte[] bytes) throws IOException {
        int length = (int) Math.min(bytes.length, remainingBytes);
        out.write(bytes, 0, length);
        remainingBytes -= length;
        return remainingBytes <= 0;
    }

    private record Line(OffsetDateTime timestamp, byte[] content, boolean continuation) {
    }

    private static final class PendingLine {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OffsetDateTime timestamp;
        long lastTouched;
        /** The line's start was already served (it grew past MAX_PENDING_LINE). */
        boolean continued;
    }
}
