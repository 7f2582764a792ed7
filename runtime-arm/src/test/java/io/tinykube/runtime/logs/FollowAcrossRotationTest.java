package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowAcrossRotationTest {
    @TempDir
    Path dir;

    @Test
    void aFollowerGoesOnIntoTheNewFileWithoutLosingOrRepeatingLines() throws Exception {
        Path logFile = dir.resolve("0.log");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T17:00:00Z"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add("line " + i + " " + "r".repeat(i % 40));
        }
        ContainerLogWriter writer = new ContainerLogWriter(logFile, new LogRotationPolicy(16 * 1024, 3), clock,
                CriLogFormat.MAX_LINE_LENGTH);
        FollowTest.SyncedOutput out = new FollowTest.SyncedOutput();
        LogFollow follow = new LogFollow();
        CompletableFuture<Void> following = CompletableFuture.runAsync(
                () -> FollowTest.readQuietly(new ContainerLogReader(dir, 0), out, follow));

        // The follower holds the file before the second line; then about a millisecond a line, so a rotation
        // (every ~250 lines) comes a few polls apart: a follower more than one rotation behind would find
        // the file it needs compressed, and kubelet's follower would lose it too.
        AtomicInteger produced = new AtomicInteger();
        writer.attach(LogStream.STDOUT, new LineSource(lines, () -> {
            if (produced.getAndIncrement() == 1) {
                awaitServed(out, lines.get(0));
            }
            clock.advance(Duration.ofSeconds(1));
            pause();
        }));
        writer.close();
        follow.containerExited();
        following.get(30, TimeUnit.SECONDS);

        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.filter(file -> file.toString().endsWith(".gz")).count() >= 1, "rotated and compressed");
        }
        assertEquals(String.join("\n", lines) + "\n", out.text());
    }

    private static void awaitServed(FollowTest.SyncedOutput out, String line) {
        try {
            out.awaitContaining(line + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
