package io.tinykube.bench.api;

import io.tinykube.bench.report.Figures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API-server benchmark (bench/api/run, see bench/README.md "API server"): against one running
 * tinykube server, given its admin kubeconfig and its pid,
 * <ol>
 * <li>creates N ConfigMaps (~100 bytes of data each) from C concurrent clients: per-request latency
 * and throughput;</li>
 * <li>lists them as JSON and as a Table, median of a few repetitions;</li>
 * <li>opens W watch streams on one namespace, then makes U paced updates there: fan-out latency from
 * each update's response to each watcher's receipt of its event;</li>
 * <li>reads the server's VmRSS/VmHWM before and after the load.</li>
 * </ol>
 * Plain java.net.http with the admin's client certificate. By default every create client is its own
 * HttpClient on HTTP/1.1 (one keep-alive TLS connection each); {@code --http2} shares one HttpClient on
 * HTTP/2 (one TLS connection, multiplexed, like client-go). Watches are always HTTP/1.1, one connection
 * each, as from separate clients.
 */
public final class ApiBench {
    private static final String NS = "bench";
    private static final String WATCH_NS = "bench-watch";
    private static final String TABLE_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private static final double MUTATING_P99_TARGET_MS = 100;
    private static final double RSS_TARGET_MIB = 160;
    private static final Pattern SEQ = Pattern.compile("\"seq\":\"(\\d+)\"");
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");

    private int creates = 5000;
    private int clients = 8;
    private int listReps = 5;
    private int watchers = 100;
    private int writes = 200;
    private int paceMs = 20;
    private boolean http2;
    private Path kubeconfigFile;
    private long pid;

    private Kubeconfig kubeconfig;
    private final Random random = new Random(42);
    private final List<String[]> rows = new ArrayList<>();
    private final List<String[]> rssAfterLists = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        ApiBench bench = new ApiBench();
        bench.parse(args);
        bench.run();
        // Watch reader threads and HttpClient selector threads are daemons or idle; don't wait for them.
        System.exit(0);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--kubeconfig" -> kubeconfigFile = Path.of(args[++i]);
                case "--pid" -> pid = Long.parseLong(args[++i]);
                case "--creates" -> creates = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--list-reps" -> listReps = Integer.parseInt(args[++i]);
                case "--watchers" -> watchers = Integer.parseInt(args[++i]);
                case "--writes" -> writes = Integer.parseInt(args[++i]);
                case "--pace-ms" -> paceMs = Integer.parseInt(args[++i]);
                case "--http2" -> http2 = true;
                case "--quick" -> {
                    creates = 500;
                    watchers = 20;
                    writes = 50;
                    listReps = 3;
                }
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (--creates N --clients N --list-reps N --watchers N --writes N --pace-ms N --http2 --quick)");
            }
        }
        if (kubeconfigFile == null || pid == 0) {
            throw new IllegalArgumentException("--kubeconfig FILE and --pid PID are required");
        }
    }

    private void run() throws Exception {
        kubeconfig = Kubeconfig.read(kubeconfigFile);
        String loadAtStart = loadAverage();
        System.err.printf("server %s, pid %d, JVM %s%n", kubeconfig.server, pid, serverJvm());
        System.err.printf("clients: %d create clients, %s; %d watches, HTTP/1.1, one connection each%n", clients,
                http2 ? "one shared HttpClient on HTTP/2 (one multiplexed connection)"
                        : "each its own HttpClient on HTTP/1.1 (one keep-alive connection each)",
                watchers);

        // Start-up and a few requests, then the idle footprint.
        HttpClient one = client(HttpClient.Version.HTTP_1_1);
        for (int i = 0; i < 20; i++) {
            expect(send(one, get("/version")), 200);
        }
        for (String ns : List.of(NS, WATCH_NS)) {
            String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}";
            expect(send(one, post("/api/v1/namespaces", body)), 201);
        }
        for (int i = 0; i < 5; i++) {
            expect(send(one, get("/api/v1/namespaces/" + NS + "/configmaps")), 200);
        }
        Thread.sleep(2000);
        long[] idle = Figures.memory(pid);
        System.err.printf("idle: VmRSS %.1f MiB, VmHWM %.1f MiB%n", idle[0] / 1024.0, idle[1] / 1024.0);

        createPhase();
        long afterCreates = Figures.memory(pid)[0];
        listPhase(one);
        watchPhase(one);
        long afterWatches = Figures.memory(pid)[0];

        Thread.sleep(1000);
        long[] loaded = Figures.memory(pid);
        double idleMib = idle[0] / 1024.0;
        double loadedMib = loaded[0] / 1024.0;
        double hwmMib = loaded[1] / 1024.0;
        row("server VmRSS idle", Figures.mib(idleMib), "≤ " + (int) RSS_TARGET_MIB + " MiB", idleMib <= RSS_TARGET_MIB);
        row("server VmRSS after the creates", Figures.mib(afterCreates / 1024.0), "", null);
        for (String[] r : rssAfterLists) {
            row("server VmRSS after the " + r[0] + " lists", r[1], "", null);
        }
        row("server VmRSS after the watches", Figures.mib(afterWatches / 1024.0), "", null);
        row("server VmRSS after load (+1 s)", Figures.mib(loadedMib), "≤ " + (int) RSS_TARGET_MIB + " MiB", loadedMib <= RSS_TARGET_MIB);
        row("server VmHWM (peak)", Figures.mib(hwmMib), "≤ " + (int) RSS_TARGET_MIB + " MiB", hwmMib <= RSS_TARGET_MIB);

        heapInfo();
        printTable();
        double createP99 = Double.parseDouble(rows.stream().filter(r -> r[0].startsWith("create p99"))
                .findFirst().orElseThrow()[1].split(" ")[0]);
        System.out.printf(Locale.ROOT, "%nreferences: k3s's server process idles at 500+ MB (published figure, not measured here)"
                + " vs tinykube %.0f MiB idle / %.0f MiB after load; Kubernetes' SLO for mutating API calls is p99 ≤ 1 s"
                + " vs tinykube create p99 %.1f ms.%n", idleMib, loadedMib, createP99);
        System.out.printf(Locale.ROOT, "machine: %d cores, %.1f GiB, %s; load average (1 min) %s at start, %s at end;"
                + " server JVM %s%n", Runtime.getRuntime().availableProcessors(), memTotalKib() / 1048576.0,
                System.getProperty("os.arch"), loadAtStart, loadAverage(), serverJvm());
    }

    // ---------------------------------------------------------------------------------------------- creates

    private void createPhase() throws Exception {
        System.err.printf("creating %d ConfigMaps from %d clients%n", creates, clients);
        HttpClient shared = http2 ? client(HttpClient.Version.HTTP_2) : null;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] latencies = new long[creates];
        AtomicInteger next = new AtomicInteger();
        String payload = letters(100);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                HttpClient http = shared != null ? shared : client(HttpClient.Version.HTTP_1_1);
                for (int i = next.getAndIncrement(); i < creates; i = next.getAndIncrement()) {
                    String body = String.format("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-%05d\"},"
                            + "\"data\":{\"payload\":\"%s\"}}", i, payload);
                    HttpRequest request = post("/api/v1/namespaces/" + NS + "/configmaps", body);
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = send(http, request);
                    latencies[i] = System.nanoTime() - t0;
                    expect(response, 201);
                    if (http2 && response.version() != HttpClient.Version.HTTP_2) {
                        throw new IllegalStateException("--http2: the server answered in " + response.version());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double p99 = Figures.percentile(latencies, 0.99);
        row("create p50", Figures.ms(Figures.percentile(latencies, 0.50)), "", null);
        row("create p99", Figures.ms(p99), "≤ " + (int) MUTATING_P99_TARGET_MS + " ms", p99 / 1e6 <= MUTATING_P99_TARGET_MS);
        row("create max", Figures.ms(Figures.percentile(latencies, 1.0)), "", null);
        row("create throughput", String.format(Locale.ROOT, "%.0f /s", creates / seconds), "", null);
    }

    // ---------------------------------------------------------------------------------------------- lists

    private void listPhase(HttpClient http) throws Exception {
        for (String[] kind : new String[][] {{"JSON", "application/json"}, {"Table", TABLE_ACCEPT}}) {
            System.err.printf("listing %d ConfigMaps as %s, %d times%n", creates, kind[0], listReps);
            long[] times = new long[listReps];
            int bytes = 0;
            int items = 0;
            for (int r = 0; r < listReps; r++) {
                HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/namespaces/" + NS + "/configmaps"))
                        .header("Accept", kind[1]).timeout(Duration.ofSeconds(60)).GET().build();
                long t0 = System.nanoTime();
                HttpResponse<String> response = send(http, request);
                times[r] = System.nanoTime() - t0;
                expect(response, 200);
                String body = response.body();
                bytes = body.length();
                boolean table = kind[0].equals("Table");
                if (table != body.contains("\"kind\":\"Table\"")) {
                    throw new IllegalStateException("asked for " + kind[0] + ", got " + body.substring(0, Math.min(200, body.length())));
                }
                // Every item (JSON) or row (Table), which includes the namespace's kube-root-ca.crt.
                items = count(body, table ? "\"cells\":" : "\"uid\":");
                int ours = count(body, "\"name\":\"cm-");
                if (ours != creates) {
                    throw new IllegalStateException(kind[0] + " list has " + ours + " of our ConfigMaps, expected " + creates);
                }
            }
            row("list " + items + " items as " + kind[0] + " (median of " + listReps + ")",
                    Figures.ms(Figures.percentile(times, 0.5)) + String.format(Locale.ROOT, ", %.1f MiB", bytes / 1048576.0), "", null);
            rssAfterLists.add(new String[] {kind[0], Figures.mib(Figures.memory(pid)[0] / 1024.0)});
        }
    }

    // ---------------------------------------------------------------------------------------------- watches

    private void watchPhase(HttpClient http) throws Exception {
        String payload = letters(100);
        String created = expect(send(http, post("/api/v1/namespaces/" + WATCH_NS + "/configmaps", configMap("target", payload, "created", null))), 201).body();
        String resourceVersion = match(RESOURCE_VERSION, created);

        // The namespace's current resourceVersion, from the list's own metadata: before its items (upstream)
        // or after them (tinykube streams lists and knows the continue token only at the end).
        String list = expect(send(http, get("/api/v1/namespaces/" + WATCH_NS + "/configmaps")), 200).body();
        int items = list.indexOf('[');
        String head = items < 0 ? list : list.substring(0, items);
        String current = RESOURCE_VERSION.matcher(head).find() ? match(RESOURCE_VERSION, head)
                : match(RESOURCE_VERSION, list.substring(list.lastIndexOf(']')));

        System.err.printf("opening %d watches at resourceVersion %s%n", watchers, current);
        HttpClient watchClient = client(HttpClient.Version.HTTP_1_1);
        HttpRequest watchRequest = HttpRequest.newBuilder(uri("/api/v1/namespaces/" + WATCH_NS + "/configmaps?watch=true&resourceVersion=" + current))
                .header("Accept", "application/json").GET().build();
        List<CompletableFuture<HttpResponse<InputStream>>> opening = new ArrayList<>();
        for (int w = 0; w < watchers; w++) {
            opening.add(watchClient.sendAsync(watchRequest, HttpResponse.BodyHandlers.ofInputStream()));
        }
        // received[w] holds, per seq (0 = the sentinel, 1..writes), the nanoTime of receipt; 0 = not yet.
        AtomicLongArray[] received = new AtomicLongArray[watchers];
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        AtomicBoolean closing = new AtomicBoolean();
        List<InputStream> streams = new ArrayList<>();
        for (int w = 0; w < watchers; w++) {
            HttpResponse<InputStream> response = opening.get(w).get(60, TimeUnit.SECONDS);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("watch " + w + ": HTTP " + response.statusCode()
                        + " " + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            streams.add(response.body());
            AtomicLongArray mine = new AtomicLongArray(writes + 1);
            received[w] = mine;
            InputStream body = response.body();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        long now = System.nanoTime();
                        if (!line.startsWith("{\"type\":\"MODIFIED\"")) {
                            if (!line.isBlank() && !line.startsWith("{\"type\":\"BOOKMARK\"") && unexpected.incrementAndGet() <= 3) {
                                System.err.println("unexpected watch line: " + line.substring(0, Math.min(300, line.length())));
                            }
                            continue;
                        }
                        Matcher m = SEQ.matcher(line);
                        if (m.find()) {
                            int seq = Integer.parseInt(m.group(1));
                            if (seq <= writes && mine.compareAndSet(seq, 0, now)) {
                                delivered.incrementAndGet();
                            }
                        }
                    }
                } catch (IOException e) {
                    if (!closing.get()) {
                        System.err.println("watch " + Thread.currentThread().getName() + " failed: " + e);
                    }
                }
            }, "watch-" + w);
            reader.setDaemon(true);
            reader.start();
        }

        // A sentinel update (seq 0; an update that changes nothing makes no event) that every watcher must
        // see before the measured writes: all streams are live.
        resourceVersion = match(RESOURCE_VERSION, expect(send(http, put(configMap("target", payload, 0, resourceVersion))), 200).body());
        waitFor(delivered, watchers, 30_000, "the sentinel event on every watch");

        System.err.printf("%d updates, one every %d ms%n", writes, paceMs);
        long[] responded = new long[writes + 1];
        long[] sent = new long[writes + 1];
        long[] updateLatency = new long[writes];
        long start = System.nanoTime();
        for (int seq = 1; seq <= writes; seq++) {
            long due = start + (long) (seq - 1) * paceMs * 1_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            }
            HttpRequest request = put(configMap("target", payload, seq, resourceVersion));
            sent[seq] = System.nanoTime();
            HttpResponse<String> response = send(http, request);
            responded[seq] = System.nanoTime();
            updateLatency[seq - 1] = responded[seq] - sent[seq];
            resourceVersion = match(RESOURCE_VERSION, expect(response, 200).body());
        }
        int expected = watchers * (writes + 1);
        boolean complete = waitFor(delivered, expected, 10_000, null);
        closing.set(true);
        for (InputStream s : streams) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }

        List<Long> fromResponse = new ArrayList<>();
        List<Long> fromSent = new ArrayList<>();
        int early = 0;
        for (int w = 0; w < watchers; w++) {
            for (int seq = 1; seq <= writes; seq++) {
                long at = received[w].get(seq);
                if (at == 0) {
                    continue;
                }
                fromResponse.add(at - responded[seq]);
                fromSent.add(at - sent[seq]);
                if (at < responded[seq]) {
                    early++;
                }
            }
        }
        long[] fanOut = fromResponse.stream().mapToLong(Long::longValue).toArray();
        long[] fanOutSent = fromSent.stream().mapToLong(Long::longValue).toArray();
        double updateP99 = Figures.percentile(updateLatency, 0.99);
        row("update p50 (" + writes + " paced, " + watchers + " watchers)", Figures.ms(Figures.percentile(updateLatency, 0.5)), "", null);
        row("update p99", Figures.ms(updateP99), "≤ " + (int) MUTATING_P99_TARGET_MS + " ms", updateP99 / 1e6 <= MUTATING_P99_TARGET_MS);
        row("watch fan-out p50 (from write's response)", Figures.ms(Figures.percentile(fanOut, 0.5)), "", null);
        row("watch fan-out p99 (from write's response)", Figures.ms(Figures.percentile(fanOut, 0.99)), "", null);
        row("watch fan-out p99 (from write sent)", Figures.ms(Figures.percentile(fanOutSent, 0.99)), "", null);
        row("watch events delivered", String.format(Locale.ROOT, "%d / %d", fanOut.length, watchers * writes),
                "all", complete && fanOut.length == watchers * writes && unexpected.get() == 0);
        row("  of which before the write's response", String.format(Locale.ROOT, "%d", early), "", null);
        if (unexpected.get() > 0) {
            System.err.printf("%d unexpected watch lines (not MODIFIED or BOOKMARK)%n", unexpected.get());
        }
    }

    private static boolean waitFor(AtomicInteger counter, int target, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (counter.get() < target) {
            if (System.currentTimeMillis() > deadline) {
                if (what != null) {
                    throw new IllegalStateException("timed out waiting for " + what + " (" + counter.get() + " of " + target + ")");
                }
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private static String configMap(String name, String payload, Object seq, String resourceVersion) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + WATCH_NS + "\""
                + (resourceVersion == null ? "" : ",\"resourceVersion\":\"" + resourceVersion + "\"")
                + "},\"data\":{\"payload\":\"" + payload + "\",\"seq\":\"" + seq + "\"}}";
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    private HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().sslContext(kubeconfig.ssl).version(version)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private URI uri(String path) {
        return URI.create(kubeconfig.server + path);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest put(String json) {
        return HttpRequest.newBuilder(uri("/api/v1/namespaces/" + WATCH_NS + "/configmaps/target"))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).PUT(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            String body = response.body();
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + ": HTTP "
                    + response.statusCode() + " (expected " + status + "): " + body.substring(0, Math.min(500, body.length())));
        }
        return response;
    }

    // ---------------------------------------------------------------------------------------------- server process

    /** Best effort: the server's heap as its own JDK's jcmd sees it (to tell heap growth from the rest). */
    private void heapInfo() {
        try {
            Path jcmd = Path.of("/proc/" + pid + "/exe").toRealPath().resolveSibling("jcmd");
            if (!Files.isExecutable(jcmd)) {
                return;
            }
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                System.err.print("server heap after load (jcmd GC.heap_info):\n" + out.lines().skip(1).map(l -> "  " + l + "\n")
                        .reduce("", String::concat));
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("no heap info: " + e);
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static long memTotalKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    /** The java binary the launcher picked, its version (the JDK's release file) and its -Xmx. */
    private String serverJvm() {
        try {
            Path exe = Path.of("/proc/" + pid + "/exe").toRealPath();
            String version = "?";
            Path release = exe.getParent().getParent().resolve("release");
            if (Files.isReadable(release)) {
                String text = Files.readString(release);
                Matcher v = Pattern.compile("JAVA_RUNTIME_VERSION=\"([^\"]+)\"").matcher(text);
                Matcher vendor = Pattern.compile("IMPLEMENTOR=\"([^\"]+)\"").matcher(text);
                version = (vendor.find() ? vendor.group(1) + " " : "") + (v.find() ? v.group(1) : "");
            }
            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            Matcher xmx = Pattern.compile("-Xmx\\S+").matcher(cmdline);
            return exe + " (" + version.trim() + ")" + (xmx.find() ? " " + xmx.group() : "");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------------------------------------- figures

    private void row(String metric, String value, String target, Boolean ok) {
        rows.add(new String[] {metric, value, target.isEmpty() ? "" : target + (ok ? "  ok" : "  MISSED")});
        System.err.printf("  %s: %s%n", metric, value);
    }

    private void printTable() {
        int w0 = "metric".length();
        int w1 = "value".length();
        for (String[] r : rows) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
        }
        String format = "%-" + w0 + "s  %" + w1 + "s  %s%n";
        System.out.println();
        System.out.printf(format, "metric", "value", "target");
        System.out.printf(format, "-".repeat(w0), "-".repeat(w1), "------");
        for (String[] r : rows) {
            System.out.printf(format, r[0], r[1], r[2]);
        }
    }

    private String letters(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text.substring(0, Math.min(300, text.length())));
        }
        return m.group(1);
    }
}
