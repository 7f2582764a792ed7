package io.tinykube.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Disk writes and memory of the process tree that holds the data (the H2 JVM, etcd, or the postmaster
 * with all its children), from /proc. Samples every 100 ms because PostgreSQL backends and autovacuum
 * workers come and go: a process's write_bytes disappears with it, so the tree's total is the sum, over
 * every process ever seen, of the last write_bytes read from it. What a process writes after its last
 * sample and before it exits is missed (at most 100 ms of an exiting worker's writes).
 */
final class ProcSampler implements AutoCloseable {
    private final long root;
    /** "pid/starttime" (safe against pid reuse) to the last write_bytes read. */
    private final Map<String, Long> writeBytes = new HashMap<>();
    private long peakPssKib;
    private long peakRssKib;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "proc-sampler");
        t.setDaemon(true);
        return t;
    });

    ProcSampler(long rootPid) {
        this.root = rootPid;
        sample();
        timer.scheduleAtFixedRate(this::sample, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Bytes the tree has caused to be written to storage so far (write_bytes of /proc/PID/io). */
    synchronized long writeBytes() {
        sample();
        return writeBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The root process's peak resident set (VmHWM), kept by the kernel. */
    long rootHwmKib() {
        return statusKib(root, "VmHWM:");
    }

    /** The largest sum over the tree of proportional set sizes (shared pages split among sharers). */
    synchronized long peakPssKib() {
        sample();
        return peakPssKib;
    }

    /** The largest sum over the tree of resident set sizes (shared memory counted once per process). */
    synchronized long peakRssKib() {
        sample();
        return peakRssKib;
    }

    private synchronized void sample() {
        long pss = 0;
        long rss = 0;
        for (long pid : tree()) {
            String[] stat = stat(pid);
            Long written = ioWriteBytes(pid);
            if (stat == null || written == null) {
                continue; // exited meanwhile
            }
            writeBytes.put(pid + "/" + stat[19], written); // field 22: starttime
            pss += kib(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
            rss += statusKib(pid, "VmRSS:");
        }
        peakPssKib = Math.max(peakPssKib, pss);
        peakRssKib = Math.max(peakRssKib, rss);
    }

    /** The root and its descendants, from the parent pid in every /proc/PID/stat. */
    private List<Long> tree() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> {
                        long pid = Long.parseLong(n);
                        String[] stat = stat(pid);
                        if (stat != null) {
                            children.computeIfAbsent(Long.parseLong(stat[1]), k -> new ArrayList<>()).add(pid);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Long> out = new ArrayList<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            out.add(pid);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return out;
    }

    /** Fields of /proc/PID/stat after the command name: [0] is state (field 3), [1] ppid (field 4). */
    /**
     * Bytes written to the block device holding {@code dir} so far (sectors written in
     * /sys/dev/block/MAJ:MIN/stat): what really reached the device, from every process, file system
     * journal included; -1 when {@code dir} is not on a block device (tmpfs, overlay).
     */
    static long deviceWrittenBytes(Path dir) {
        try {
            long dev = (Long) Files.getAttribute(dir, "unix:dev");
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            String[] f = Files.readString(Path.of("/sys/dev/block", major + ":" + minor, "stat")).trim().split("\\s+");
            return Long.parseLong(f[6]) * 512;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Long ioWriteBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring(12).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited
        }
        return null;
    }

    private static long statusKib(long pid, String field) {
        return kib(Path.of("/proc", Long.toString(pid), "status"), field);
    }

    private static long kib(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited
        }
        return 0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
