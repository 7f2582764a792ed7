package io.tinykube.runtime.logs;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes a container's stdout and stderr to one CRI log file, as containerd's cri logger does: one pump
 * thread per stream cuts its bytes into records ({@link LineSplitter}) and appends them under a lock, so
 * records of the two streams interleave but never mix. Each read's records go out in one {@code write}
 * (no user-space buffer: a follower sees them at once).
 *
 * <p>Rotation is done here, by the writer, before a write that would take the file past the policy's size:
 * tinykube is both runtime and kubelet, so there is no CRI {@code ReopenContainerLog} round trip to make, no
 * window where a renamed file still receives writes, and the size bound holds without polling. Names and
 * retention are kubelet's ({@link LogRotator}). {@link #reopen()} remains for an outside rotation.
 *
 * <p>Streams come either as plain {@link InputStream}s (pumped to their end) or as FIFOs
 * ({@link #attachFifo}): the FIFO is held open for writing too, so the container side may close and reopen
 * it without the pump seeing an end; {@link #close()} then lets go of that hold and drains what is left.
 */
public final class ContainerLogWriter implements Closeable {
    private static final Logger LOG = Logger.getLogger(ContainerLogWriter.class.getName());
    private static final int READ_SIZE = 32 * 1024;
    private static final long DRAIN_TIMEOUT_MILLIS = 5_000;

    private final Path logFile;
    private final LogRotationPolicy policy;
    private final Clock clock;
    private final int maxLineLength;
    private final LogRotator rotator;
    private final Object writeLock = new Object();
    private final Object compressLock = new Object();
    private final List<Pump> pumps = new ArrayList<>();
    private FileChannel file;
    private long size;
    private boolean closed;

    public ContainerLogWriter(Path logFile, LogRotationPolicy policy) throws IOException {
        this(logFile, policy, Clock.systemDefaultZone(), CriLogFormat.MAX_LINE_LENGTH);
    }

    /** {@code clock} gives record timestamps and rotated names; {@code maxLineLength} is where lines are cut. */
    public ContainerLogWriter(Path logFile, LogRotationPolicy policy, Clock clock, int maxLineLength)
            throws IOException {
        this.logFile = logFile;
        this.policy = policy;
        this.clock = clock;
        this.maxLineLength = maxLineLength;
        this.rotator = new LogRotator(logFile, policy, clock);
        this.file = openLogFile();
        this.size = file.size();
    }

    public Path logFile() {
        return logFile;
    }

    /** Pumps both streams until each ends. */
    public void start(InputStream stdout, InputStream stderr) {
        attach(LogStream.STDOUT, stdout);
        attach(LogStream.STDERR, stderr);
    }

    /** Pumps {@code in} to the file until it ends; a last line without newline becomes a P record. */
    public void attach(LogStream stream, InputStream in) {
        startPump(new Pump(stream, Channels.newChannel(in), null));
    }

    /**
     * Pumps a FIFO the container writes {@code stream} to. The FIFO is opened read-write first (which never
     * blocks, and keeps a writer so the pump sees no end while the container side closes and reopens it),
     * then read-only for the pump.
     */
    public void attachFifo(LogStream stream, Path fifo) throws IOException {
        FileChannel keeper = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel reader;
        try {
            reader = FileChannel.open(fifo, StandardOpenOption.READ);
        } catch (IOException e) {
            keeper.close();
            throw e;
        }
        startPump(new Pump(stream, reader, keeper));
    }

    /** Reopens the log file at its path, for when something else renamed or removed it. */
    public void reopen() throws IOException {
        synchronized (writeLock) {
            ensureOpen();
            file.close();
            file = openLogFile();
            size = file.size();
        }
    }

    /**
     * Call once the container has exited: FIFOs are released and drained, every pump writes what it holds
     * (a last line without newline as P) and stops, and the file is closed. A stream whose writer is still
     * alive (a daemonised child holding the FIFO) is cut off after a few seconds.
     */
    @Override
    public void close() throws IOException {
        List<Pump> running = pumps();
        for (Pump pump : running) {
            pump.releaseFifo();
        }
        for (Pump pump : running) {
            pump.awaitEnd(DRAIN_TIMEOUT_MILLIS);
        }
        closeFile();
    }

    /**
     * For an agent going away while the container runs: stops pumping at once, without waiting for the end of
     * the streams, and closes the file. What the container writes meanwhile waits in its FIFOs (the container's
     * shim holds them open) for the writer the next agent attaches.
     */
    public void detach() throws IOException {
        for (Pump pump : pumps()) {
            pump.cutOff();
        }
        closeFile();
    }

    private List<Pump> pumps() {
        synchronized (pumps) {
            return List.copyOf(pumps);
        }
    }

    private void closeFile() throws IOException {
        synchronized (writeLock) {
            if (!closed) {
                closed = true;
                file.close();
            }
        }
    }

    private void startPump(Pump pump) {
        synchronized (pumps) {
            pumps.add(pump);
        }
        pump.thread.start();
    }

    private void append(byte[] records, int length) {
        boolean rotated = false;
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            try {
                if (policy.enabled() && size > 0 && size + length > policy.maxSizeBytes()) {
                    rotated = rotate();
                }
                ByteBuffer buffer = ByteBuffer.wrap(records, 0, length);
                while (buffer.hasRemaining()) {
                    size += file.write(buffer);
                }
            } catch (IOException e) {
                // As containerd: report and go on draining the container's output, or it would block.
                LOG.log(Level.WARNING, "cannot write container log " + logFile, e);
            }
        }
        if (rotated) {
            compressOlderLogs();
        }
    }

    /** Renames the current file away and opens a new one; false when this second's name is taken. */
    private boolean rotate() throws IOException {
        Path rotated = rotator.nextRotatedName();
        if (rotated == null) {
            // Two rotations in one second would share a name: let the file grow until the next second.
            return false;
        }
        rotator.removeExcess();
        Files.move(logFile, rotated);
        file.close();
        file = openLogFile();
        size = 0;
        return true;
    }

    private void compressOlderLogs() {
        synchronized (compressLock) {
            try {
                rotator.compressOlder();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot compress rotated logs of " + logFile, e);
            }
        }
    }

    private FileChannel openLogFile() throws IOException {
        if (!Files.exists(logFile)) {
            try {
                Files.createFile(logFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Someone created it meanwhile: appending to it is what we want.
            }
        }
        return FileChannel.open(logFile, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("container log writer for " + logFile + " is closed");
        }
    }

    private final class Pump implements Runnable {
        private final LogStream stream;
        private final ReadableByteChannel source;
        private final FileChannel fifoKeeper;
        private final LineSplitter splitter;
        private final Thread thread;

        Pump(LogStream stream, ReadableByteChannel source, FileChannel fifoKeeper) {
            this.stream = stream;
            this.source = source;
            this.fifoKeeper = fifoKeeper;
            this.splitter = new LineSplitter(stream, maxLineLength, clock);
            this.thread = new Thread(this, "container-log " + logFile + " " + stream.criName());
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            ByteBuffer buffer = ByteBuffer.allocate(READ_SIZE);
            ByteArrayOutputStream records = new ByteArrayOutputStream(READ_SIZE + 256);
            try (source) {
                while (source.read(buffer.clear()) >= 0) {
                    records.reset();
                    splitter.feed(buffer.array(), 0, buffer.position(), records);
                    if (records.size() > 0) {
                        append(records.toByteArray(), records.size());
                    }
                }
            } catch (IOException e) {
                // An asynchronous close (the drain timed out) lands here too: keep what was read.
                LOG.log(Level.FINE, "container " + stream.criName() + " stream ended for " + logFile, e);
            } finally {
                records.reset();
                splitter.finish(records);
                if (records.size() > 0) {
                    append(records.toByteArray(), records.size());
                }
                releaseFifo();
            }
        }

        void releaseFifo() {
            if (fifoKeeper != null) {
                try {
                    fifoKeeper.close();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "closing FIFO hold of " + logFile, e);
                }
            }
        }

        void cutOff() throws IOException {
            source.close();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while detaching from " + logFile, e);
            }
        }

        void awaitEnd(long timeoutMillis) throws IOException {
            try {
                thread.join(timeoutMillis);
                if (thread.isAlive()) {
                    LOG.warning("container " + stream.criName() + " stream of " + logFile
                            + " still has a writer; cutting it off");
                    cutOff();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while draining " + logFile, e);
            }
        }
    }
}
