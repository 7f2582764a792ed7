package io.tinykube.runtime.logs;

import java.time.OffsetDateTime;

/**
 * One record of a CRI log file: {@code <timestamp> <stream> <tag> <content>}. A partial record ({@code P})
 * is a piece of a line continued by the next records of the same stream; a full one ({@code F}) ends it.
 * The content never holds the newline. The timestamp keeps the offset the file wrote (as Go's parser does).
 */
public record LogRecord(OffsetDateTime timestamp, LogStream stream, boolean partial, byte[] content) {
}
