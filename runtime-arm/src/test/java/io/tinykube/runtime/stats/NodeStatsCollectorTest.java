package io.tinykube.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStatsCollectorTest {

    @TempDir
    Path procRoot;

    private void write(String file, String text) throws Exception {
        Files.createDirectories(procRoot.resolve(file).getParent());
        Files.writeString(procRoot.resolve(file), text);
    }

    @Test
    void aFixtureProcIsSampledAndTheCpuRateComesFromTheSecondSample() throws Exception {
        write("stat", "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 100 0 100 800 0 0 0 0 0 0\n");
        write("meminfo", "MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 600 kB\n");
        write("loadavg", "0.50 0.40 0.30 1/90 777\n");
        write("uptime", "100.00 150.00\n");
        write("sys/kernel/pid_max", "32768\n");
        write("sys/kernel/threads-max", "60000\n");
        NodeStatsCollector collector = new NodeStatsCollector(procRoot, procRoot);

        NodeStats first = collector.sample();
        write("stat", "cpu  150 0 150 900 0 0 0 0 0 0\ncpu0 150 0 150 900 0 0 0 0 0 0\n");
        NodeStats second = collector.sample();

        assertTrue(first.usageNanoCores().isEmpty(), "no rate from one sample");
        assertEquals(500_000_000L, second.usageNanoCores().getAsLong(), "100 busy of 200 ticks on one CPU");
        assertEquals(300L * 10_000_000, second.usageCoreNanoSeconds());
        assertEquals(400L * 1024, second.memory().workingSetBytes());
        assertEquals(new PidUsage(90, 32768), second.pids());
        assertEquals(Duration.ofSeconds(100), second.uptime());
        assertTrue(second.filesystem().capacityBytes() > 0);
    }

    @Test
    void theHostIsSampled() {
        NodeStatsCollector collector = NodeStatsCollector.forHost(Path.of("/"));

        collector.sample();
        NodeStats stats = collector.sample();

        assertTrue(stats.memory().totalBytes() > stats.memory().availableBytes(), stats.memory().toString());
        assertTrue(stats.pids().used() > 0 && stats.pids().max() > stats.pids().used(), stats.pids().toString());
        assertTrue(stats.usageNanoCores().getAsLong() >= 0);
        assertTrue(stats.uptime().toSeconds() > 0);
    }
}
