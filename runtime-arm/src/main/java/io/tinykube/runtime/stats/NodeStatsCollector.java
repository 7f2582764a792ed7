package io.tinykube.runtime.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Samples the node from /proc (the root is a parameter for fixtures) and the filesystem of the data
 * directory. The CPU rate needs two samples; the collector keeps the previous one.
 */
public final class NodeStatsCollector {

    private final Path procRoot;
    private final Path filesystem;
    private CpuTimes previousCpu;

    public NodeStatsCollector(Path procRoot, Path filesystem) {
        this.procRoot = procRoot;
        this.filesystem = filesystem;
    }

    public static NodeStatsCollector forHost(Path dataDirectory) {
        return new NodeStatsCollector(Path.of("/proc"), dataDirectory);
    }

    public synchronized NodeStats sample() {
        try {
            CpuTimes cpu = CpuTimes.parse(read("stat"));
            OptionalLong rate = previousCpu == null ? OptionalLong.empty()
                    : OptionalLong.of(cpu.usageNanoCoresSince(previousCpu));
            previousCpu = cpu;
            String loadavg = read("loadavg");
            return new NodeStats(
                    Instant.now(),
                    rate,
                    cpu.usageCoreNanos(),
                    MemoryInfo.parse(read("meminfo")),
                    LoadAverage.parse(loadavg),
                    Uptime.parse(read("uptime")),
                    PidUsage.parse(loadavg, read("sys/kernel/pid_max"), readOrEmpty("sys/kernel/threads-max")),
                    FilesystemUsage.of(filesystem));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sample node stats: " + e.getMessage(), e);
        }
    }

    /** In large chunks: Files.readString reads a sysctl file (size 0) one byte, then sees its end. */
    private String read(String file) throws IOException {
        try (InputStream in = Files.newInputStream(procRoot.resolve(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String readOrEmpty(String file) throws IOException {
        Path path = procRoot.resolve(file);
        return Files.exists(path) ? read(file) : "";
    }
}
