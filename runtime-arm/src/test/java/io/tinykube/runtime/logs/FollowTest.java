package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowTest {
    @TempDir
    Path dir;

    @Test
    void seesLinesAppendedAfterItStartedAndEndsOnceTheExitedContainersLogIsDrained() throws Exception {
        PipedInputStream stdoutIn = new PipedInputStream();
        PipedOutputStream stdout = new PipedOutputStream(stdoutIn);
        ContainerLogWriter writer = new ContainerLogWriter(dir.resolve("0.log"), LogRotationPolicy.KUBELET_DEFAULT);
        writer.attach(LogStream.STDOUT, stdoutIn);
        stdout.write("before\n".getBytes(StandardCharsets.UTF_8));

        SyncedOutput out = new SyncedOutput();
        LogFollow follow = new LogFollow();
        ContainerLogReader reader = new ContainerLogReader(dir, 0);
        CompletableFuture<Void> following = CompletableFuture.runAsync(() -> readQuietly(reader, out, follow));

        out.awaitContaining("before\n");
        stdout.write("after\n".getBytes(StandardCharsets.UTF_8));
        out.awaitContaining("after\n");
        stdout.write("last words".getBytes(StandardCharsets.UTF_8));
        stdout.close();
        writer.close();
        follow.containerExited();

        following.get(10, TimeUnit.SECONDS);
        assertEquals("before\nafter\nlast words", out.text());
    }

    @Test
    void cancelStopsAFollowerAtOnce() throws Exception {
        LogFiles.write(dir.resolve("0.log"), "2026-01-01T00:00:01Z stdout F hello");
        SyncedOutput out = new SyncedOutput();
        LogFollow follow = new LogFollow();
        CompletableFuture<Void> following = CompletableFuture.runAsync(
                () -> readQuietly(new ContainerLogReader(dir, 0), out, follow));
        out.awaitContaining("hello\n");
        follow.cancel();
        following.get(5, TimeUnit.SECONDS);
        assertTrue(following.isDone());
    }

    @Test
    void followWithTailStartsFromTheLastLines() throws Exception {
        LogFiles.write(dir.resolve("0.log"),
                "2026-01-01T00:00:01Z stdout F one",
                "2026-01-01T00:00:02Z stdout F two");
        SyncedOutput out = new SyncedOutput();
        LogFollow follow = new LogFollow();
        follow.containerExited();
        new ContainerLogReader(dir, 0).read(LogReadOptions.defaults().withFollow(true).withTailLines(1), out, follow);
        assertEquals("two\n", out.text());
    }

    static void readQuietly(ContainerLogReader reader, ByteArrayOutputStream out, LogFollow follow) {
        try {
            reader.read(LogReadOptions.defaults().withFollow(true), out, follow);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** An output a test thread can wait on. */
    static final class SyncedOutput extends ByteArrayOutputStream {
        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            super.write(bytes, offset, length);
            notifyAll();
        }

        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }

        synchronized void awaitContaining(String expected) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!text().contains(expected)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("never served " + expected + "; served: " + text());
                }
                wait(left);
            }
        }
    }
}
