package io.tinykube.server.controller.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.controller.autoscaling.PodMetricsSource.PodMetric;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.Objects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upstream's replica_calculator.go for resource metrics: the replica count that brings the average usage
 * of the target's pods to the target, with a tolerance, and with pods that are missing metrics, not yet
 * ready or still starting counted so that they never reverse the direction of a scale.
 */
final class ReplicaCalculator {
    /** Why no replica count could be computed; the message is upstream's. */
    static final class MetricsException extends Exception {
        MetricsException(String message) {
            super(message);
        }
    }

    /** A proposal: the replica count, the current utilization (percent of request; -1 for value targets), the average raw usage. */
    record Proposal(int replicas, int utilization, long averageMilli, Instant timestamp) {
    }

    private final PodMetricsSource metrics;
    private final double tolerance;
    private final Duration cpuInitializationPeriod;
    private final Duration delayOfInitialReadinessStatus;
    private final Clock clock;

    ReplicaCalculator(PodMetricsSource metrics, double tolerance, Duration cpuInitializationPeriod,
                      Duration delayOfInitialReadinessStatus, Clock clock) {
        this.metrics = metrics;
        this.tolerance = tolerance;
        this.cpuInitializationPeriod = cpuInitializationPeriod;
        this.delayOfInitialReadinessStatus = delayOfInitialReadinessStatus;
        this.clock = clock;
    }

    /** GetResourceReplicas: a target utilization in percent of the pods' requests. */
    Proposal utilization(int currentReplicas, int targetUtilization, String resource, String namespace, LabelSelector selector,
                         List<? extends JsonNode> pods) throws MetricsException {
        Map<String, PodMetric> usage = fetch(namespace, selector, resource);
        if (pods.isEmpty()) {
            throw new MetricsException("no pods returned by selector while calculating replica count");
        }
        Groups groups = group(pods, usage, resource);
        usage.keySet().removeAll(groups.ignored);
        usage.keySet().removeAll(groups.unready);
        if (usage.isEmpty()) {
            throw new MetricsException("did not receive metrics for targeted pods (pods might be unready)");
        }
        Map<String, Long> requests = requests(pods, resource);
        Ratio ratio = utilizationRatio(usage, requests, targetUtilization);
        Instant timestamp = latest(usage);
        boolean scaleUpWithUnready = !groups.unready.isEmpty() && ratio.value > 1.0;
        if (!scaleUpWithUnready && groups.missing.isEmpty()) {
            if (Math.abs(1.0 - ratio.value) <= tolerance) {
                return new Proposal(currentReplicas, ratio.utilization, ratio.average, timestamp);
            }
            return new Proposal((int) Math.ceil(ratio.value * groups.ready), ratio.utilization, ratio.average, timestamp);
        }
        if (ratio.value < 1.0) {
            // on a scale-down, pods without metrics count as using their request (or the target, when above 100%)
            long fallback = Math.max(100, targetUtilization);
            groups.missing.forEach(pod -> usage.put(pod, new PodMetric(requests.getOrDefault(pod, 0L) * fallback / 100, timestamp, Duration.ZERO)));
        } else if (ratio.value > 1.0) {
            groups.missing.forEach(pod -> usage.put(pod, new PodMetric(0, timestamp, Duration.ZERO)));
        }
        if (scaleUpWithUnready) {
            groups.unready.forEach(pod -> usage.put(pod, new PodMetric(0, timestamp, Duration.ZERO)));
        }
        double newRatio = utilizationRatio(usage, requests, targetUtilization).value;
        return settle(currentReplicas, ratio.value, newRatio, usage.size(), new Proposal(0, ratio.utilization, ratio.average, timestamp));
    }

    /** GetRawResourceReplicas: a target average value per pod (milli-units). */
    Proposal averageValue(int currentReplicas, long targetMilli, String resource, String namespace, LabelSelector selector,
                          List<? extends JsonNode> pods) throws MetricsException {
        Map<String, PodMetric> usage = fetch(namespace, selector, resource);
        if (pods.isEmpty()) {
            throw new MetricsException("no pods returned by selector while calculating replica count");
        }
        Groups groups = group(pods, usage, resource);
        usage.keySet().removeAll(groups.ignored);
        usage.keySet().removeAll(groups.unready);
        if (usage.isEmpty()) {
            throw new MetricsException("did not receive metrics for targeted pods (pods might be unready)");
        }
        long average = average(usage);
        double ratio = (double) average / targetMilli;
        Instant timestamp = latest(usage);
        boolean scaleUpWithUnready = !groups.unready.isEmpty() && ratio > 1.0;
        if (!scaleUpWithUnready && groups.missing.isEmpty()) {
            if (Math.abs(1.0 - ratio) <= tolerance) {
                return new Proposal(currentReplicas, -1, average, timestamp);
            }
            return new Proposal((int) Math.ceil(ratio * groups.ready), -1, average, timestamp);
        }
        if (ratio < 1.0) {
            groups.missing.forEach(pod -> usage.put(pod, new PodMetric(targetMilli, timestamp, Duration.ZERO)));
        } else {
            groups.missing.forEach(pod -> usage.put(pod, new PodMetric(0, timestamp, Duration.ZERO)));
        }
        if (scaleUpWithUnready) {
            groups.unready.forEach(pod -> usage.put(pod, new PodMetric(0, timestamp, Duration.ZERO)));
        }
        double newRatio = (double) average(usage) / targetMilli;
        return settle(currentReplicas, ratio, newRatio, usage.size(), new Proposal(0, -1, average, timestamp));
    }

    /** With missing or unready pods filled in: keep the current count when within tolerance or when the direction would flip. */
    private Proposal settle(int currentReplicas, double ratio, double newRatio, int counted, Proposal measured) {
        int replicas;
        if (Math.abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
            replicas = currentReplicas;
        } else {
            replicas = (int) Math.ceil(newRatio * counted);
            if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) {
                replicas = currentReplicas;
            }
        }
        return new Proposal(replicas, measured.utilization(), measured.averageMilli(), measured.timestamp());
    }

    private Map<String, PodMetric> fetch(String namespace, LabelSelector selector, String resource) throws MetricsException {
        Map<String, PodMetric> usage = new HashMap<>(metrics.podMetrics(namespace, selector, resource));
        if (usage.isEmpty()) {
            throw new MetricsException("unable to get metrics for resource " + resource + ": no metrics returned from resource metrics API");
        }
        return usage;
    }

    private static final class Groups {
        int ready;
        final Set<String> unready = new HashSet<>();
        final Set<String> missing = new HashSet<>();
        final Set<String> ignored = new HashSet<>();
    }

    /** groupPods: deleted and failed pods are ignored; pending and (for cpu) not yet ready pods are unready. */
    private Groups group(List<? extends JsonNode> pods, Map<String, PodMetric> usage, String resource) {
        Groups groups = new Groups();
        Instant now = clock.instant();
        for (JsonNode pod : pods) {
            String name = Objects.name(pod);
            String phase = Json.text(pod, "status", "phase");
            if (Objects.isDeleting(pod) || "Failed".equals(phase)) {
                groups.ignored.add(name);
                continue;
            }
            if ("Pending".equals(phase)) {
                groups.unready.add(name);
                continue;
            }
            PodMetric metric = usage.get(name);
            if (metric == null) {
                groups.missing.add(name);
                continue;
            }
            if (resource.equals("cpu") && cpuUnready(pod, metric, now)) {
                groups.unready.add(name);
                continue;
            }
            groups.ready++;
        }
        return groups;
    }

    private boolean cpuUnready(JsonNode pod, PodMetric metric, Instant now) {
        JsonNode ready = null;
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                ready = condition;
            }
        }
        String started = Json.text(pod, "status", "startTime");
        if (ready == null || started == null) {
            return true;
        }
        Instant start = Instant.parse(started);
        boolean notReady = "False".equals(ready.path("status").asText());
        String transition = ready.path("lastTransitionTime").asText(null);
        Instant transitioned = transition == null ? start : Instant.parse(transition);
        if (start.plus(cpuInitializationPeriod).isAfter(now)) {
            // still starting: a sample taken before one full window since the last transition is not trusted
            return notReady || metric.timestamp().isBefore(transitioned.plus(metric.window()));
        }
        // unready and never ready since it started
        return notReady && start.plus(delayOfInitialReadinessStatus).isAfter(transitioned);
    }

    /** calculatePodRequests: the sum of the containers' requests of {@code resource} per pod. */
    private static Map<String, Long> requests(List<? extends JsonNode> pods, String resource) throws MetricsException {
        Map<String, Long> requests = new HashMap<>();
        for (JsonNode pod : pods) {
            long sum = 0;
            for (JsonNode container : pod.path("spec").path("containers")) {
                String request = Json.text(container, "resources", "requests", resource);
                if (request == null) {
                    throw new MetricsException("missing request for " + resource + " in container " + container.path("name").asText()
                            + " of Pod " + Objects.name(pod));
                }
                sum += MilliQuantity.parse(request);
            }
            requests.put(Objects.name(pod), sum);
        }
        return requests;
    }

    private record Ratio(double value, int utilization, long average) {
    }

    /** GetResourceUtilizationRatio over the pods that have both a metric and a request. */
    private static Ratio utilizationRatio(Map<String, PodMetric> usage, Map<String, Long> requests, int target) throws MetricsException {
        long used = 0;
        long requested = 0;
        int entries = 0;
        for (Map.Entry<String, PodMetric> entry : usage.entrySet()) {
            Long request = requests.get(entry.getKey());
            if (request != null) {
                used += entry.getValue().milliValue();
                requested += request;
                entries++;
            }
        }
        if (requested == 0) {
            throw new MetricsException("no metrics returned matched known pods");
        }
        int utilization = (int) (used * 100 / requested);
        return new Ratio((double) utilization / target, utilization, used / entries);
    }

    private static long average(Map<String, PodMetric> usage) {
        long total = 0;
        for (PodMetric metric : usage.values()) {
            total += metric.milliValue();
        }
        return total / usage.size();
    }

    private static Instant latest(Map<String, PodMetric> usage) {
        Instant latest = Instant.EPOCH;
        for (PodMetric metric : usage.values()) {
            if (metric.timestamp() != null && metric.timestamp().isAfter(latest)) {
                latest = metric.timestamp();
            }
        }
        return latest;
    }
}
