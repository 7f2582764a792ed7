package io.tinykube.bench.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The datastore benchmark (bench/store/run): the same workload against embedded-store on H2,
 * embedded-store on PostgreSQL, and etcd, one child JVM per backend so that /proc of the process holding
 * the data measures only it. Usage: {@code StoreBench [--quick] [--backends h2,postgres,etcd] [--work DIR]}.
 */
public final class StoreBench {
    static final List<String> ALL = List.of("h2", "postgres", "etcd");

    /** What to stop if the run is interrupted: the current server and child JVM. */
    private static final List<AutoCloseable> running = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            try {
                Workload.main(args);
            } catch (Throwable t) {
                t.printStackTrace();
                System.exit(1); // not a return: client and store threads would keep the JVM alive
            }
            return;
        }
        boolean quick = false;
        List<String> backends = ALL;
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    quick = true;
                    break;
                case "--backends":
                    backends = List.of(args[++i].split(","));
                    break;
                case "--work":
                    work = Path.of(args[++i]);
                    break;
                default:
                    System.err.println("usage: bench/store/run [--quick] [--backends h2,postgres,etcd]");
                    System.exit(2);
            }
        }
        boolean ownWork = work == null;
        if (ownWork) {
            work = Files.createTempDirectory(Path.of(System.getenv().getOrDefault("BENCH_TMPDIR", "/var/tmp")),
                    "tinykube-store-bench-");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(StoreBench::stopRunning));

        Workload.Sizes sizes = Workload.Sizes.of(quick);
        String loadBefore = loadAverage();
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (String backend : backends) {
            System.err.printf("== %s ==%n", backend);
            Path dir = work.resolve(backend);
            try {
                results.put(backend, runBackend(backend, dir, sizes));
            } catch (Exception e) {
                System.err.printf("[%s] FAILED: %s%n", backend, e.getMessage());
            } finally {
                stopRunning();
                deleteTree(dir);
            }
        }
        if (ownWork) {
            deleteTree(work);
        }
        boolean ok = report(sizes, backends, results, loadBefore + " before, " + loadAverage() + " after");
        System.exit(ok ? 0 : 1);
    }

    private static Map<String, Double> runBackend(String backend, Path dir, Workload.Sizes sizes) throws Exception {
        Server server = Server.start(backend, dir);
        register(server);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String jvmOptions = System.getenv().getOrDefault("BENCH_JVM_OPTS", serverJvmOptions());
        cmd.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StoreBench.class.getName(),
                "child", backend, server.endpoint(), server.holder(), "dir=" + dir));
        cmd.addAll(sizes.toArgs());
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        register(child::destroyForcibly);
        // A backend that hangs must not hang the run: the default run takes about a minute per backend.
        CompletableFuture.runAsync(child::destroyForcibly, CompletableFuture.delayedExecutor(15, TimeUnit.MINUTES));
        String result = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                } else {
                    System.err.println(line);
                }
            }
        }
        if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0 || result == null) {
            throw new IllegalStateException("child JVM failed (exit " + (child.isAlive() ? "-" : child.exitValue())
                    + ")");
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\":([-0-9.eE]+)").matcher(result);
        while (m.find()) {
            figures.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return figures;
    }

    /**
     * The JVM settings tinykube's launcher gives the server (installer/src/dist/bin/tinykube): the store runs
     * inside the server, and the API server is etcd's client too, so every child JVM gets them. Heap: 1/16
     * of the memory, 48 to 256 MiB. Plus no hsperfdata file, whose writes would count as the store's.
     */
    static String serverJvmOptions() {
        long memMib = 1024;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memMib = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // keep 1 GiB
        }
        long heap = Math.max(48, Math.min(256, memMib / 16));
        return "-Xms8m -Xmx" + heap + "m -XX:+UseSerialGC -Xss512k -XX:MaxMetaspaceSize=128m"
                + " -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
                + " -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData";
    }

    private static synchronized void register(AutoCloseable c) {
        running.add(c);
    }

    /** Stops the child JVM, then the server; safe to call twice. */
    private static synchronized void stopRunning() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        running.clear();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private static final List<String> NOTES = List.of(
            "[1] write_bytes of /proc/PID/io over the update phase, / updates. The window starts and ends with"
                    + " a settle (postgres: CHECKPOINT; all: 2 s pause, then sync -f). h2: the child JVM; etcd: the"
                    + " etcd process; postgres: the postmaster and every child, sampled every 100 ms so exited"
                    + " backends still count. The kernel counts a page-cache folio when it turns dirty: with large"
                    + " folios (ext4 on Linux >= 6.x) a small rewrite can count as up to 2 MiB; compare with [3].",
            "[2] h2: VmHWM of the child JVM (store + workload driver, with the launcher's server JVM settings);"
                    + " etcd: VmHWM of etcd;"
                    + " postgres: peak over 100 ms samples of the summed PSS of the postmaster and its children"
                    + " (shared buffers split among them, not counted once per process).",
            "[3] sectors written to the block device of the data directory (/sys/dev/block/MAJ:MIN/stat) over"
                    + " the same window, / updates: what reached the device, journal included, from every process"
                    + " on the machine (-1: not a block device).");

    private record Row(String label, Function<Map<String, Double>, Double> value, String format) {
    }

    /** Prints the table and the comparison line; false when a backend failed. */
    /** The 1-minute load average: the figures mean little on a machine that is busy with other work. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static boolean report(Workload.Sizes s, List<String> backends, Map<String, Map<String, Double>> results,
                                  String load) {
        List<Row> rows = List.of(
                new Row(String.format(Locale.ROOT, "create %d keys, creates/s (%d writers)", s.keys(), s.writers()),
                        r -> r.get("creates_per_s"), "%.0f"),
                new Row(String.format(Locale.ROOT, "%d CAS updates, updates/s (%d writers)", s.updates(),
                        s.writers()), r -> r.get("updates_per_s"), "%.0f"),
                new Row("disk bytes written per update [1]", r -> r.get("bytes_per_update"), "%.0f"),
                new Row("device bytes written per update [3]", r -> r.get("device_bytes_per_update"), "%.0f"),
                new Row(String.format(Locale.ROOT, "list %d keys by prefix, ms (median of %d)", s.keys(),
                        s.listRuns()), r -> r.get("list_ms"), "%.1f"),
                new Row(String.format(Locale.ROOT, "watch latency p50, ms (%d watchers)", s.watchers()),
                        r -> r.get("watch_p50_ms"), "%.2f"),
                new Row("watch latency p99, ms", r -> r.get("watch_p99_ms"), "%.2f"),
                new Row("peak memory of the data holder, MiB [2]", r -> r.get("peak_kib") / 1024.0, "%.1f"));
        String header = String.format(Locale.ROOT, "%-46s", "metric");
        for (String b : backends) {
            header += String.format(Locale.ROOT, "%12s", b);
        }
        System.out.println();
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (Row row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-46s", row.label()));
            for (String b : backends) {
                Map<String, Double> r = results.get(b);
                line.append(String.format(Locale.ROOT, "%12s",
                        r == null ? "failed" : String.format(Locale.ROOT, row.format(), row.value().apply(r))));
            }
            System.out.println(line);
        }
        System.out.println();
        for (String note : NOTES) {
            System.out.println(note);
        }
        System.out.printf(Locale.ROOT, "%d cores, load average %s (anything else running skews every figure)%n",
                Runtime.getRuntime().availableProcessors(), load);
        System.out.println();
        System.out.println("targets: write_throughput >= 1.00, bytes_per_update <= 0.50, watch_p99 <= 1.00");
        Map<String, Double> h2 = results.get("h2");
        Map<String, Double> etcd = results.get("etcd");
        System.out.println("vs etcd: write_throughput=" + ratio(h2, etcd, "updates_per_s")
                + " bytes_per_update=" + ratio(h2, etcd, "bytes_per_update")
                + " watch_p99=" + ratio(h2, etcd, "watch_p99_ms"));
        return results.keySet().containsAll(backends);
    }

    private static String ratio(Map<String, Double> ours, Map<String, Double> etcd, String key) {
        if (ours == null || etcd == null || etcd.get(key) == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", ours.get(key) / etcd.get(key));
    }
}
