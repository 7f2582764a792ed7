package io.tinykube.runtime.logs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The CRI log format as containerd's cri logger writes it and kubelet reads it: one record a line,
 * {@code <RFC3339Nano timestamp> <stdout|stderr> <P|F> <content>\n}.
 */
public final class CriLogFormat {
    /** containerd's default max_container_log_line_size: longer lines are cut into P records this long. */
    public static final int MAX_LINE_LENGTH = 16 * 1024;
    static final String TAG_FULL = "F";
    static final String TAG_PARTIAL = "P";
    /** Later tags are ':'-separated after the first (CRI keeps the format open to them). */
    private static final char TAG_DELIMITER = ':';
    /** Go's RFC3339NanoFixed, which kubelet uses for the timestamps it prefixes to lines it serves. */
    private static final DateTimeFormatter FIXED_NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final byte[] STDOUT_BYTES = "stdout".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STDERR_BYTES = "stderr".getBytes(StandardCharsets.US_ASCII);

    private CriLogFormat() {
    }

    /**
     * Go's {@code time.RFC3339Nano} of a UTC instant, as containerd writes record timestamps: trailing zeros
     * of the fraction are trimmed and a whole second has no fraction at all ({@code 2026-11-23T17:00:00Z}).
     * containerd formats the node's local time; tinykube writes UTC so files read the same on every node.
     */
    public static String formatTimestamp(Instant instant) {
        StringBuilder text = new StringBuilder(30);
        text.append(SECONDS.format(instant.atOffset(ZoneOffset.UTC)));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String digits = Integer.toString(1_000_000_000 + nanos).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        return text.append('Z').toString();
    }

    /** The timestamp kubelet puts before each line for {@code timestamps=true}: always nine digits. */
    public static String formatFixedTimestamp(OffsetDateTime timestamp) {
        return FIXED_NANOS.format(timestamp);
    }

    /** Parses RFC3339 with any number of fraction digits and any offset (Go's RFC3339NanoLenient). */
    public static OffsetDateTime parseTimestamp(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** Appends one record, newline included, to {@code out}. */
    static void encode(ByteArrayOutputStream out, byte[] timestamp, LogStream stream, boolean partial,
                       byte[] content, int offset, int length) {
        out.writeBytes(timestamp);
        out.write(' ');
        out.writeBytes(stream == LogStream.STDOUT ? STDOUT_BYTES : STDERR_BYTES);
        out.write(' ');
        out.write(partial ? 'P' : 'F');
        out.write(' ');
        out.write(content, offset, length);
        out.write('\n');
    }

    /** One record as a string, for callers outside the writer (tests, tools). */
    public static String format(Instant time, LogStream stream, boolean partial, String content) {
        return formatTimestamp(time) + ' ' + stream.criName() + ' ' + (partial ? TAG_PARTIAL : TAG_FULL) + ' '
                + content + '\n';
    }

    /**
     * Parses one record (without its newline, or with it: a trailing newline is dropped), or returns null
     * when the line is not a CRI record, as kubelet skips lines it cannot parse.
     */
    public static LogRecord parse(byte[] line, int offset, int length) {
        int end = offset + length;
        if (end > offset && line[end - 1] == '\n') {
            end--;
        }
        int timeEnd = indexOf(line, offset, end, (byte) ' ');
        if (timeEnd < 0) {
            return null;
        }
        int streamEnd = indexOf(line, timeEnd + 1, end, (byte) ' ');
        if (streamEnd < 0) {
            return null;
        }
        int tagEnd = indexOf(line, streamEnd + 1, end, (byte) ' ');
        if (tagEnd < 0) {
            return null;
        }
        LogStream stream = LogStream.fromCriName(ascii(line, timeEnd + 1, streamEnd));
        if (stream == null) {
            return null;
        }
        OffsetDateTime timestamp;
        try {
            timestamp = parseTimestamp(ascii(line, offset, timeEnd));
        } catch (DateTimeParseException e) {
            return null;
        }
        int firstTagEnd = indexOf(line, streamEnd + 1, tagEnd, (byte) TAG_DELIMITER);
        String tag = ascii(line, streamEnd + 1, firstTagEnd < 0 ? tagEnd : firstTagEnd);
        byte[] content = Arrays.copyOfRange(line, tagEnd + 1, end);
        return new LogRecord(timestamp, stream, TAG_PARTIAL.equals(tag), content);
    }

    static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
