package io.tinykube.bench.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The workload, run in a child JVM against one backend. It prints its figures as one JSON object on a
 * line starting with {@code RESULT }; progress goes to stderr.
 */
final class Workload {
    static final String PREFIX = "/registry/bench/";
    static final int VALUE_SIZE = 1024;

    /** The workload's sizes; the same for every backend. */
    record Sizes(int keys, int updates, int writers, int watchers, int watchWrites, int watchIntervalMicros,
                 int listRuns, int settleMillis) {
        static Sizes of(boolean quick) {
            int div = quick ? 10 : 1;
            return new Sizes(10_000 / div, 50_000 / div, 8, 10, 1_000 / div, 5_000, 5, 2_000);
        }

        List<String> toArgs() {
            return List.of("keys=" + keys, "updates=" + updates, "writers=" + writers, "watchers=" + watchers,
                    "watchWrites=" + watchWrites, "watchIntervalMicros=" + watchIntervalMicros,
                    "listRuns=" + listRuns, "settleMillis=" + settleMillis);
        }

        static Sizes fromArgs(Map<String, String> a) {
            return new Sizes(i(a, "keys"), i(a, "updates"), i(a, "writers"), i(a, "watchers"),
                    i(a, "watchWrites"), i(a, "watchIntervalMicros"), i(a, "listRuns"), i(a, "settleMillis"));
        }

        private static int i(Map<String, String> a, String k) {
            return Integer.parseInt(a.get(k));
        }
    }

    private final String name;
    private final Path dir;
    private final Target target;
    private final Sizes sizes;
    private final long[] revisions; // the modRevision of each key, for compare-and-swap updates
    private final String[] padding = new String[64];

    private Workload(String name, Path dir, Target target, Sizes sizes) {
        this.name = name;
        this.dir = dir;
        this.target = target;
        this.sizes = sizes;
        this.revisions = new long[sizes.keys()];
        SplittableRandom random = new SplittableRandom(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int p = 0; p < padding.length; p++) {
            StringBuilder sb = new StringBuilder(VALUE_SIZE);
            for (int i = 0; i < VALUE_SIZE; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            padding[p] = sb.toString();
        }
    }

    /** Entry of the child JVM: {@code child BACKEND ENDPOINT HOLDER_PID key=value...}. */
    static void main(String[] args) throws Exception {
        System.setProperty("slf4j.internal.verbosity", "ERROR"); // jetcd's "no SLF4J provider" notice
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING); // gRPC's INFO lines
        // Die with the parent, so an interrupted run leaves no JVM behind.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        String backend = args[1];
        String endpoint = args[2];
        long holder = args[3].equals("self") ? ProcessHandle.current().pid() : Long.parseLong(args[3]);
        Map<String, String> kv = Arrays.stream(args, 4, args.length)
                .map(s -> s.split("=", 2)).collect(Collectors.toMap(s -> s[0], s -> s[1]));
        Sizes sizes = Sizes.fromArgs(kv);
        Map<String, Object> result;
        try (ProcSampler proc = new ProcSampler(holder); Target target = Target.open(backend, endpoint)) {
            result = new Workload(backend, Path.of(kv.get("dir")), target, sizes).run(proc);
            result.put("hwm_kib", proc.rootHwmKib());
            result.put("peak_pss_kib", proc.peakPssKib());
            result.put("peak_rss_kib", proc.peakRssKib());
            // PostgreSQL's processes share memory (shared buffers): sum PSS, not RSS; one process: VmHWM.
            result.put("peak_kib", backend.equals("postgres") ? proc.peakPssKib() : proc.rootHwmKib());
        }
        System.out.println("RESULT " + result.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}")));
        System.out.flush();
        System.exit(0); // client libraries may leave non-daemon threads
    }

    private Map<String, Object> run(ProcSampler proc) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();

        double createSeconds = parallel(sizes.keys(), i -> revisions[i] = target.create(key(i), value(0, i)));
        r.put("creates_per_s", fmt(sizes.keys() / createSeconds));
        log("created %d keys in %.1f s", sizes.keys(), createSeconds);

        settle();
        long before = proc.writeBytes();
        long deviceBefore = ProcSampler.deviceWrittenBytes(dir);
        // Writer w updates only the keys i with i % writers == w, so compare-and-swap never conflicts.
        int perWriter = sizes.updates() / sizes.writers();
        int updates = perWriter * sizes.writers();
        int keysPerWriter = sizes.keys() / sizes.writers();
        double updateSeconds = parallel(updates, op -> {
            int w = op % sizes.writers();
            int i = w + sizes.writers() * ((op / sizes.writers()) % keysPerWriter);
            revisions[i] = target.update(key(i), value(0, op), revisions[i]);
        });
        settle();
        long written = proc.writeBytes() - before;
        long deviceWritten = ProcSampler.deviceWrittenBytes(dir) - deviceBefore;
        r.put("updates_per_s", fmt(updates / updateSeconds));
        r.put("bytes_per_update", fmt((double) written / updates));
        r.put("device_bytes_per_update", deviceBefore < 0 ? "-1" : fmt((double) deviceWritten / updates));
        log("%d updates by %d writers in %.1f s; write_bytes %d, device %d", updates, sizes.writers(),
                updateSeconds, written, deviceBefore < 0 ? -1 : deviceWritten);

        double[] listMillis = new double[sizes.listRuns()];
        for (int run = 0; run < listMillis.length; run++) {
            long t0 = System.nanoTime();
            int n = target.list(PREFIX);
            listMillis[run] = (System.nanoTime() - t0) / 1e6;
            if (n != sizes.keys()) {
                throw new IllegalStateException("list returned " + n + " keys, expected " + sizes.keys());
            }
        }
        r.put("list_ms", fmt(percentile(listMillis, 50)));
        log("listed %d keys: %s ms", sizes.keys(), Arrays.toString(listMillis));

        double[] watch = watchLatencies();
        r.put("watch_p50_ms", fmt(percentile(watch, 50)));
        r.put("watch_p99_ms", fmt(percentile(watch, 99)));
        log("watch latency over %d events: p50 %.2f ms, p99 %.2f ms, max %.2f ms", watch.length,
                percentile(watch, 50), percentile(watch, 99), percentile(watch, 100));
        return r;
    }

    /** Writes paced one at a time, each stamped with its send time; every watcher sees every write. */
    private double[] watchLatencies() throws Exception {
        int expected = sizes.watchers() * sizes.watchWrites();
        double[] latencies = new double[expected];
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(expected);
        long from = target.revision();
        List<AutoCloseable> watches = new ArrayList<>();
        for (int w = 0; w < sizes.watchers(); w++) {
            watches.add(target.watch(PREFIX, from, value -> {
                long now = System.nanoTime();
                int slot = seen.getAndIncrement();
                if (slot < expected) {
                    latencies[slot] = (now - sentAt(value)) / 1e6;
                    done.countDown();
                }
            }));
        }
        Thread.sleep(500); // let every watch get established
        long start = System.nanoTime();
        for (int n = 0; n < sizes.watchWrites(); n++) {
            long due = start + n * sizes.watchIntervalMicros() * 1_000L;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            int i = n % sizes.keys();
            revisions[i] = target.update(key(i), value(System.nanoTime(), n), revisions[i]);
        }
        boolean complete = done.await(60, TimeUnit.SECONDS);
        for (AutoCloseable w : watches) {
            w.close();
        }
        if (!complete) {
            throw new IllegalStateException("watchers saw " + seen.get() + " of " + expected + " events in 60 s");
        }
        return latencies;
    }

    /**
     * Lets deferred writes happen before disk counters are read: the backend's own flush (a PostgreSQL
     * CHECKPOINT), a pause for background writers (H2's, etcd's backend commit), then a sync of the file
     * system so that what is still dirty in the page cache reaches the device.
     */
    private void settle() throws Exception {
        target.flush();
        Thread.sleep(sizes.settleMillis());
        new ProcessBuilder("sync", "-f", dir.toString()).inheritIO().start().waitFor();
    }

    interface Op {
        void run(int index) throws Exception;
    }

    /** Runs ops 0..count-1 on {@code writers} threads (op i on thread i % writers); returns seconds taken. */
    private double parallel(int count, Op op) throws Exception {
        int threads = sizes.writers();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = first; i < count; i += threads) {
                        op.run(i);
                    }
                    return null;
                }));
            }
            long t0 = System.nanoTime();
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    static String key(int i) {
        return String.format(Locale.ROOT, "%s%06d", PREFIX, i);
    }

    /** A 1 KiB JSON value that starts with its send time: {"sent":NANOS,"pad":"..."}. */
    private byte[] value(long sentNanos, int salt) {
        String head = String.format(Locale.ROOT, "{\"sent\":%019d,\"pad\":\"", sentNanos);
        String body = head + padding[salt & (padding.length - 1)];
        return (body.substring(0, VALUE_SIZE - 2) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static long sentAt(byte[] value) {
        return Long.parseLong(new String(value, 8, 19, StandardCharsets.US_ASCII));
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%s] %s%n", name, String.format(Locale.ROOT, format, args));
    }
}
