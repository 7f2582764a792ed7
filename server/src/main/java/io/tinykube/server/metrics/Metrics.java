package io.tinykube.server.metrics;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's metrics in Prometheus text format at {@code /metrics}, under upstream's names: request
 * counts and latency by verb, resource and code; storage operation latency; open watches. A handful of
 * fixed-size series, no metrics library.
 */
@ApplicationScoped
public class Metrics {
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> requestDurations = new ConcurrentHashMap<>();
    private final Map<String, Histogram> storageDurations = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> watchers = new ConcurrentHashMap<>();

    void routes(@Observes Router router) {
        router.get("/metrics").handler(context -> context.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(render()));
    }

    public void request(String verb, String group, String resource, int code, long nanos) {
        String labels = "verb=\"" + verb + "\",group=\"" + group + "\",resource=\"" + resource + "\"";
        requests.computeIfAbsent(labels + ",code=\"" + code + "\"", k -> new LongAdder()).increment();
        requestDurations.computeIfAbsent(labels, k -> new Histogram()).observe(nanos);
    }

    public void storage(String operation, long nanos) {
        storageDurations.computeIfAbsent("operation=\"" + operation + "\"", k -> new Histogram()).observe(nanos);
    }

    /** Counts a watch open (+1) or closed (-1). */
    public void watch(String group, String resource, int delta) {
        watchers.computeIfAbsent("group=\"" + group + "\",resource=\"" + resource + "\"", k -> new AtomicLong()).addAndGet(delta);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, group, resource and HTTP response code.\n");
        out.append("# TYPE apiserver_request_total counter\n");
        new TreeMap<>(requests).forEach((labels, count) -> out.append("apiserver_request_total{").append(labels).append("} ")
                .append(count.sum()).append('\n'));
        histograms(out, "apiserver_request_duration_seconds", "Response latency distribution in seconds for each verb, group and resource.",
                requestDurations);
        histograms(out, "apiserver_storage_duration_seconds", "Latency of datastore operations in seconds.", storageDurations);
        out.append("# HELP apiserver_longrunning_requests Gauge of all active long-running apiserver requests.\n");
        out.append("# TYPE apiserver_longrunning_requests gauge\n");
        new TreeMap<>(watchers).forEach((labels, count) -> out.append("apiserver_longrunning_requests{verb=\"WATCH\",").append(labels)
                .append("} ").append(count.get()).append('\n'));
        return out.toString();
    }

    private static void histograms(StringBuilder out, String name, String help, Map<String, Histogram> series) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        new TreeMap<>(series).forEach((labels, histogram) -> histogram.render(out, name, labels));
    }

    /** Cumulative buckets, sum and count; observations in nanoseconds, rendered in seconds. */
    static final class Histogram {
        private final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        private final LongAdder count = new LongAdder();
        private final LongAdder sumNanos = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(long nanos) {
            double seconds = nanos / 1e9;
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sumNanos.add(nanos);
        }

        void render(StringBuilder out, String name, String labels) {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += buckets[i].sum();
                out.append(name).append("_bucket{").append(labels).append(",le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
            }
            out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count.sum()).append('\n');
            out.append(name).append("_sum{").append(labels).append("} ").append(sumNanos.sum() / 1e9).append('\n');
            out.append(name).append("_count{").append(labels).append("} ").append(count.sum()).append('\n');
        }
    }
}
