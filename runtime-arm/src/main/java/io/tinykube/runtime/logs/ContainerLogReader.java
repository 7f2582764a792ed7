package io.tinykube.runtime.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Serves a container's log as kubelet serves {@code kubectl logs}: from the current file
 * {@code <restartCount>.log} (or with {@code previous} the one before), P records joined into lines, with
 * tailLines (found by reading backwards from the end), since, timestamps, limitBytes and a stream selection.
 * Like kubelet, rotated files are not served, except that a follower reaching the end of a file that was
 * rotated away finishes it and goes on with the new current file, so no line is lost or served twice.
 */
public final class ContainerLogReader {
    /** How long a follower sleeps at the end of the file before looking again. */
    private static final long POLL_MILLIS = 100;

    /** Opens a log file for reading; tests count the bytes read through it. */
    interface ChannelOpener {
        SeekableByteChannel open(Path file) throws IOException;
    }

    private final Path containerLogDirectory;
    private final int restartCount;
    private final ChannelOpener opener;

    /** {@code containerLogDirectory} is {@code /var/log/pods/<ns>_<pod>_<uid>/<container>}. */
    public ContainerLogReader(Path containerLogDirectory, int restartCount) {
        this(containerLogDirectory, restartCount, FileChannel::open);
    }

    ContainerLogReader(Path containerLogDirectory, int restartCount, ChannelOpener opener) {
        this.containerLogDirectory = containerLogDirectory;
        this.restartCount = restartCount;
        this.opener = opener;
    }

    /** The file the options select. */
    public Path logFile(LogReadOptions options) throws NoSuchFileException {
        int instance = options.previous() ? restartCount - 1 : restartCount;
        Path file = containerLogDirectory.resolve(instance + ".log");
        if (instance < 0) {
            throw new NoSuchFileException(file.toString(), null, "no previous terminated container instance");
        }
        return file;
    }

    /** Serves the log without following (a follow option needs {@link #read(LogReadOptions, OutputStream, LogFollow)}). */
    public void read(LogReadOptions options, OutputStream out) throws IOException {
        if (options.follow()) {
            throw new IllegalArgumentException("following needs a LogFollow to be stopped with");
        }
        read(options, out, new LogFollow());
    }

    /**
     * Serves the log to {@code out}; with follow, keeps serving what is appended until {@code follow} is
     * cancelled, or told the container exited and the file is drained, or limitBytes is reached.
     */
    public void read(LogReadOptions options, OutputStream out, LogFollow follow) throws IOException {
        Path path = logFile(options);
        LineOutput output = new LineOutput(options, out);
        OpenLog log = OpenLog.open(path, opener);
        try {
            long start = 0;
            long collectEnd = -1;
            if (options.tailLines() >= 0) {
                collectEnd = log.channel.size();
                start = TailLocator.startOfLastLines(log.channel, collectEnd, options.tailLines(), options.streams());
            }
            RecordReader reader = new RecordReader(log.channel, start);
            while (true) {
                if (follow.cancelled()) {
                    return;
                }
                // Read before looking at the file so nothing written before an exit or rotation is missed.
                boolean exited = follow.exited();
                boolean rotated = options.follow() && log.rotatedAway(path);
                byte[] bytes = reader.next();
                if (bytes != null) {
                    if (output.collecting() && reader.recordEnd() > collectEnd && output.stopCollecting()) {
                        return;
                    }
                    LogRecord record = CriLogFormat.parse(bytes, 0, bytes.length);
                    if (record != null && output.accept(record)) {
                        return;
                    }
                    continue;
                }
                if (!options.follow()) {
                    byte[] cutShort = reader.remainder();
                    LogRecord last = CriLogFormat.parse(cutShort, 0, cutShort.length);
                    if ((last != null && output.accept(last)) || output.flushPending()) {
                        return;
                    }
                    output.stopCollecting();
                    return;
                }
                if (output.collecting() && output.stopCollecting()) {
                    return;
                }
                if (reader.hasUnread()) {
                    continue;
                }
                if (rotated) {
                    log.close();
                    log = openSuccessor(path, log.fileKey);
                    reader = new RecordReader(log.channel, 0);
                    continue;
                }
                if (exited) {
                    output.flushPending();
                    return;
                }
                output.flush();
                follow.await(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            output.flush();
            log.close();
        }
    }

    /**
     * The file written after the one a follower just finished: the next rotated file not yet compressed (a
     * follower more than one rotation behind), else the current one. A follower so far behind that the next
     * file was compressed already skips to the current file.
     */
    private OpenLog openSuccessor(Path path, Object finishedKey) throws IOException {
        List<Path> files = new ArrayList<>(LogRotator.uncompressedRotatedLogs(path));
        for (int i = 0; i < files.size(); i++) {
            if (finishedKey.equals(OpenLog.fileKeyOrNull(files.get(i))) && i + 1 < files.size()) {
                try {
                    return OpenLog.open(files.get(i + 1), opener);
                } catch (NoSuchFileException compressedMeanwhile) {
                    break;
                }
            }
        }
        return OpenLog.open(path, opener);
    }

    /** An open log file and the identity of the file it is, to notice when the path names another one. */
    private static final class OpenLog {
        final SeekableByteChannel channel;
        final Object fileKey;

        private OpenLog(SeekableByteChannel channel, Object fileKey) {
            this.channel = channel;
            this.fileKey = fileKey;
        }

        static OpenLog open(Path path, ChannelOpener opener) throws IOException {
            while (true) {
                Object before = fileKey(path);
                SeekableByteChannel channel = opener.open(path);
                Object after = fileKey(path);
                if (Objects.equals(before, after)) {
                    return new OpenLog(channel, after);
                }
                // Rotated between the two looks: which file the channel holds is unknown, so open again.
                channel.close();
            }
        }

        /** True when the path now names a new file (a missing one counts as not yet: the writer is reopening). */
        boolean rotatedAway(Path path) throws IOException {
            Object current = fileKeyOrNull(path);
            return current != null && !current.equals(fileKey);
        }

        void close() throws IOException {
            channel.close();
        }

        private static Object fileKey(Path path) throws IOException {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        }

        private static Object fileKeyOrNull(Path path) throws IOException {
            try {
                return fileKey(path);
            } catch (NoSuchFileException e) {
                return null;
            }
        }
    }
}
