package io.tinykube.runtime.logs;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@code kubectl logs} asks for (PodLogOptions), as kubelet applies it: {@code tailLines} first (counted
 * in whole lines of the selected streams), then {@code since}, then {@code timestamps}, then
 * {@code limitBytes} on the bytes served. A negative {@code tailLines} or {@code limitBytes} means no limit.
 */
public record LogReadOptions(boolean follow, long tailLines, Instant since, boolean timestamps, long limitBytes,
                             boolean previous, Set<LogStream> streams) {

    public LogReadOptions {
        streams = streams.isEmpty() ? EnumSet.allOf(LogStream.class) : EnumSet.copyOf(streams);
    }

    /** Everything, both streams, no follow. */
    public static LogReadOptions defaults() {
        return new LogReadOptions(false, -1, null, false, -1, false, EnumSet.allOf(LogStream.class));
    }

    public LogReadOptions withFollow(boolean value) {
        return new LogReadOptions(value, tailLines, since, timestamps, limitBytes, previous, streams);
    }

    public LogReadOptions withTailLines(long value) {
        return new LogReadOptions(follow, value, since, timestamps, limitBytes, previous, streams);
    }

    /** sinceTime; as kubelet, the later of sinceTime and sinceSeconds wins. */
    public LogReadOptions withSinceTime(Instant value) {
        Instant later = since == null || value.isAfter(since) ? value : since;
        return new LogReadOptions(follow, tailLines, later, timestamps, limitBytes, previous, streams);
    }

    /** sinceSeconds, counted back from {@code now}. */
    public LogReadOptions withSinceSeconds(long seconds, Instant now) {
        return withSinceTime(now.minusSeconds(seconds));
    }

    public LogReadOptions withTimestamps(boolean value) {
        return new LogReadOptions(follow, tailLines, since, value, limitBytes, previous, streams);
    }

    public LogReadOptions withLimitBytes(long value) {
        return new LogReadOptions(follow, tailLines, since, timestamps, value, previous, streams);
    }

    /** The previous instance's log: the file of restartCount - 1. */
    public LogReadOptions withPrevious(boolean value) {
        return new LogReadOptions(follow, tailLines, since, timestamps, limitBytes, value, streams);
    }

    public LogReadOptions withStreams(Set<LogStream> value) {
        return new LogReadOptions(follow, tailLines, since, timestamps, limitBytes, previous, value);
    }
}
