package io.tinykube.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tinykube.bench.api.Kubeconfig;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The control plane at scale, as kubemark measures it: {@code --nodes} hollow nodes (Node objects with
 * status, Leases renewed every 10 s, and a kubelet that marks pods bound to them Running and Ready) and
 * a Deployment scaled from 0 to {@code --pods}. Reports the time until every pod is bound and Running,
 * the scheduling throughput, the latency of mutating requests during the run (a probe writing a
 * ConfigMap every 100 ms, and the hollow kubelets' own status writes) and the server's RSS at the end.
 */
public final class ScaleBench {
    private static final String NS = "scale";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final double PODS_PER_SECOND_TARGET = 100;
    static final double MUTATING_P99_TARGET_MS = 1000;
    static final double RSS_TARGET_MIB = 320;
    static final long IDLE_WAIT_MS = 75_000;

    private Path kubeconfigFile;
    private long pid;
    private int nodes = 100;
    private int pods = 3000;
    private Kubeconfig kubeconfig;
    private HttpClient http;
    private final Semaphore inFlight = new Semaphore(16);
    private final Map<String, Long> boundAt = new ConcurrentHashMap<>();
    private final Map<String, Long> runningAt = new ConcurrentHashMap<>();
    private final List<Long> probeLatency = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Long> kubeletLatency = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService kubelet = Executors.newFixedThreadPool(16);
    private final AtomicBoolean running = new AtomicBoolean(true);

    public static void main(String[] args) throws Exception {
        ScaleBench bench = new ScaleBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kubeconfig" -> bench.kubeconfigFile = Path.of(args[++i]);
                case "--pid" -> bench.pid = Long.parseLong(args[++i]);
                case "--nodes" -> bench.nodes = Integer.parseInt(args[++i]);
                case "--pods" -> bench.pods = Integer.parseInt(args[++i]);
                case "--quick" -> {
                    bench.nodes = 20;
                    bench.pods = 300;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--nodes N --pods N --quick)");
            }
        }
        if (bench.kubeconfigFile == null || bench.pid == 0) {
            throw new IllegalArgumentException("--kubeconfig FILE and --pid PID are required");
        }
        bench.run();
        System.exit(0);
    }

    private void run() throws Exception {
        kubeconfig = Kubeconfig.read(kubeconfigFile);
        http = HttpClient.newBuilder().sslContext(kubeconfig.ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long idleRss = Figures.memory(pid)[0];
        send("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS + "\"}}", 201);
        send("POST", "/api/v1/namespaces/" + NS + "/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"probe\"},\"data\":{\"n\":\"0\"}}", 201);
        long nodesStart = System.nanoTime();
        List<Thread> registering = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            String name = "hollow-" + i;
            Thread thread = new Thread(() -> registerNode(name));
            thread.start();
            registering.add(thread);
            if (registering.size() >= 8) {
                registering.remove(0).join();
            }
        }
        for (Thread t : registering) {
            t.join();
        }
        double nodesSeconds = (System.nanoTime() - nodesStart) / 1e9;
        System.err.printf("%d hollow nodes registered in %.1f s%n", nodes, nodesSeconds);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        timers.scheduleWithFixedDelay(this::renewLeases, 10, 10, TimeUnit.SECONDS);
        ScheduledFuture<?> probes = timers.scheduleWithFixedDelay(this::probe, 100, 100, TimeUnit.MILLISECONDS);
        Thread watcher = new Thread(this::watchPods, "pod-watch");
        watcher.setDaemon(true);
        watcher.start();

        send("POST", "/apis/apps/v1/namespaces/" + NS + "/deployments", deployment(), 201);
        Thread.sleep(1000);
        long start = System.nanoTime();
        send("PATCH", "/apis/apps/v1/namespaces/" + NS + "/deployments/web/scale", "{\"spec\":{\"replicas\":" + pods + "}}", 200);
        long deadline = start + TimeUnit.MINUTES.toNanos(20);
        int lastReport = -1;
        while (runningAt.size() < pods && System.nanoTime() < deadline) {
            Thread.sleep(200);
            int seconds = (int) ((System.nanoTime() - start) / 1e9);
            if (seconds / 10 != lastReport) {
                lastReport = seconds / 10;
                System.err.printf("  %3d s: %d bound, %d running%n", seconds, boundAt.size(), runningAt.size());
            }
        }
        probes.cancel(false);
        long[] memory = Figures.memory(pid);
        // The cluster goes quiet (leases still renewed, as real nodes do): does the server give the burst's heap back?
        Thread.sleep(IDLE_WAIT_MS);
        long settledRss = Figures.memory(pid)[0];
        running.set(false);
        timers.shutdownNow();
        watcher.interrupt();
        report(start, idleRss, memory, settledRss);
    }

    private void report(long start, long idleRss, long[] memory, long settledRss) {
        long lastBound = boundAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
        long lastRunning = runningAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
        double boundSeconds = (lastBound - start) / 1e9;
        double runningSeconds = (lastRunning - start) / 1e9;
        double throughput = boundAt.size() / Math.max(boundSeconds, 1e-9);
        long[] probes = probeLatency.stream().mapToLong(Long::longValue).toArray();
        long[] kubelets = kubeletLatency.stream().mapToLong(Long::longValue).toArray();
        double probeP99 = Figures.percentile(probes, 0.99) / 1e6;
        double kubeletP99 = Figures.percentile(kubelets, 0.99) / 1e6;
        double rssMib = memory[0] / 1024.0;
        String format = "%-44s %18s  %s%n";
        System.out.println();
        System.out.printf(format, "metric", "value", "target / reference");
        System.out.printf(format, "-".repeat(44), "-".repeat(18), "------------------");
        System.out.printf(format, "hollow nodes", nodes, "");
        System.out.printf(format, "pods (Deployment scaled 0 → N)", pods, "");
        System.out.printf(format, "pods bound / running at the end", boundAt.size() + " / " + runningAt.size(),
                runningAt.size() == pods ? "all" : "INCOMPLETE");
        System.out.printf(format, "time until all bound", String.format(Locale.ROOT, "%.1f s", boundSeconds), "");
        System.out.printf(format, "time until all Running", String.format(Locale.ROOT, "%.1f s", runningSeconds), "");
        System.out.printf(format, "scheduling throughput", String.format(Locale.ROOT, "%.0f pods/s", throughput),
                "≥ " + (int) PODS_PER_SECOND_TARGET + (throughput >= PODS_PER_SECOND_TARGET ? "  ok" : "  MISSED"));
        System.out.printf(format, "mutating p50 / p99 (probe, " + probes.length + " writes)",
                String.format(Locale.ROOT, "%.0f / %.0f ms", Figures.percentile(probes, 0.5) / 1e6, probeP99),
                "p99 ≤ 1000 ms" + (probeP99 <= MUTATING_P99_TARGET_MS ? "  ok" : "  MISSED"));
        System.out.printf(format, "mutating p99 (kubelet status, " + kubelets.length + ")",
                String.format(Locale.ROOT, "%.0f ms", kubeletP99), "p99 ≤ 1000 ms" + (kubeletP99 <= MUTATING_P99_TARGET_MS ? "  ok" : "  MISSED"));
        System.out.printf(format, "server RSS idle → end (VmHWM)", String.format(Locale.ROOT, "%.0f → %.0f MiB (%.0f)", idleRss / 1024.0,
                rssMib, memory[1] / 1024.0), "≤ 320 MiB" + (rssMib <= RSS_TARGET_MIB ? "  ok" : "  MISSED"));
        System.out.printf(format, "server RSS " + IDLE_WAIT_MS / 1000 + " s after the run", String.format(Locale.ROOT, "%.0f MiB",
                settledRss / 1024.0), "");
        System.out.printf(format, "reference: k0s controller, 20 nodes/2k pods", "1000 MB (published)",
                String.format(Locale.ROOT, "ratio %.2f", rssMib / 1000.0));
    }

    private String deployment() {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":0,"
                + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"registry.local/web:1\","
                + "\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"}}}]}}}}";
    }

    private void registerNode(String name) {
        try {
            send("POST", "/api/v1/nodes", "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{"
                    + "\"kubernetes.io/hostname\":\"" + name + "\",\"kubernetes.io/os\":\"linux\",\"kubernetes.io/arch\":\"arm64\"}}}", 201);
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            String resources = "{\"cpu\":\"4\",\"memory\":\"8Gi\",\"pods\":\"110\",\"ephemeral-storage\":\"20Gi\"}";
            send("PATCH", "/api/v1/nodes/" + name + "/status", "{\"status\":{\"capacity\":" + resources + ",\"allocatable\":" + resources
                    + ",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\",\"message\":\"kubelet is posting ready status\","
                    + "\"lastHeartbeatTime\":\"" + now + "\",\"lastTransitionTime\":\"" + now + "\"}],"
                    + "\"nodeInfo\":{\"architecture\":\"arm64\",\"operatingSystem\":\"linux\",\"kubeletVersion\":\"v1.33.0\","
                    + "\"containerRuntimeVersion\":\"hollow://0\",\"osImage\":\"hollow\",\"kernelVersion\":\"0\",\"machineID\":\"\","
                    + "\"systemUUID\":\"\",\"bootID\":\"\",\"kubeProxyVersion\":\"\"}}}", 200);
            send("POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", "{\"apiVersion\":\"coordination.k8s.io/v1\","
                    + "\"kind\":\"Lease\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"holderIdentity\":\"" + name
                    + "\",\"leaseDurationSeconds\":40,\"renewTime\":\"" + microTime() + "\"}}", 201);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String microTime() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).toString().replaceFirst("Z$", "").replaceFirst("(\\.\\d+)?$", "") + "."
                + String.format("%06d", Instant.now().getNano() / 1000) + "Z";
    }

    private void renewLeases() {
        for (int i = 0; i < nodes && running.get(); i++) {
            String name = "hollow-" + i;
            kubelet.execute(() -> {
                try {
                    send("PATCH", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + name,
                            "{\"spec\":{\"renewTime\":\"" + microTime() + "\"}}", 200);
                } catch (Exception e) {
                    System.err.println("lease renewal failed: " + e.getMessage());
                }
            });
        }
    }

    private void probe() {
        long begin = System.nanoTime();
        try {
            send("PATCH", "/api/v1/namespaces/" + NS + "/configmaps/probe", "{\"data\":{\"n\":\"" + begin + "\"}}", 200);
            probeLatency.add(System.nanoTime() - begin);
        } catch (Exception e) {
            System.err.println("probe failed: " + e.getMessage());
        }
    }

    private void watchPods() {
        String resourceVersion = "0";
        while (running.get()) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(kubeconfig.server + "/api/v1/namespaces/" + NS
                        + "/pods?watch=1&allowWatchBookmarks=true&resourceVersion=" + resourceVersion)).GET().build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null && running.get(); line = lines.readLine()) {
                        JsonNode event = JSON.readTree(line);
                        JsonNode pod = event.path("object");
                        resourceVersion = pod.path("metadata").path("resourceVersion").asText(resourceVersion);
                        if (!event.path("type").asText().equals("BOOKMARK")) {
                            onPod(pod);
                        }
                    }
                }
            } catch (IOException e) {
                System.err.println("pod watch ended (" + e.getMessage() + "); watching again");
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onPod(JsonNode pod) {
        String name = pod.path("metadata").path("name").asText();
        String node = pod.path("spec").path("nodeName").asText("");
        if (node.isEmpty() || pod.path("metadata").has("deletionTimestamp")) {
            return;
        }
        long now = System.nanoTime();
        if (boundAt.putIfAbsent(name, now) == null) {
            kubelet.execute(() -> startPod(name, node));
        }
        if ("Running".equals(pod.path("status").path("phase").asText())) {
            runningAt.putIfAbsent(name, now);
        }
    }

    private void startPod(String name, String node) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        int n = boundAt.size();
        String ip = "10.42." + (n / 250) + "." + (n % 250 + 2);
        String body = "{\"status\":{\"phase\":\"Running\",\"hostIP\":\"10.99.0.1\",\"podIP\":\"" + ip + "\",\"podIPs\":[{\"ip\":\"" + ip + "\"}],"
                + "\"startTime\":\"" + now + "\",\"conditions\":["
                + condition("PodReadyToStartContainers", now) + "," + condition("Initialized", now) + "," + condition("Ready", now) + ","
                + condition("ContainersReady", now) + "," + condition("PodScheduled", now) + "],"
                + "\"containerStatuses\":[{\"name\":\"web\",\"image\":\"registry.local/web:1\",\"imageID\":\"registry.local/web@sha256:0\","
                + "\"containerID\":\"hollow://" + name + "\",\"ready\":true,\"started\":true,\"restartCount\":0,"
                + "\"state\":{\"running\":{\"startedAt\":\"" + now + "\"}}}]}}";
        long begin = System.nanoTime();
        try {
            send("PATCH", "/api/v1/namespaces/" + NS + "/pods/" + name + "/status", body, 200);
            kubeletLatency.add(System.nanoTime() - begin);
        } catch (Exception e) {
            System.err.println("pod status of " + name + " on " + node + " failed: " + e.getMessage());
        }
    }

    private static String condition(String type, String now) {
        return "{\"type\":\"" + type + "\",\"status\":\"True\",\"lastTransitionTime\":\"" + now + "\"}";
    }

    private void send(String method, String path, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(kubeconfig.server + path)).timeout(Duration.ofSeconds(60));
        if (method.equals("PATCH")) {
            builder.method("PATCH", HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/merge-patch+json");
        } else {
            builder.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        }
        inFlight.acquire();
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IOException(method + " " + path + ": HTTP " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
        } finally {
            inFlight.release();
        }
    }
}
