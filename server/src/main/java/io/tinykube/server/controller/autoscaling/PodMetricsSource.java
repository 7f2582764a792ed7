package io.tinykube.server.controller.autoscaling;

import io.tinykube.server.registry.LabelSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Where the autoscaler gets pod usage from (upstream's resource metrics API). The agents will report it;
 * until then {@link #NONE} knows of no pod, and autoscalers report that no metrics were returned.
 */
public interface PodMetricsSource {
    /** One pod's usage of one resource: a milli-value (millicores, or milli-bytes), measured over {@code window} ending at {@code timestamp}. */
    record PodMetric(long milliValue, Instant timestamp, Duration window) {
    }

    PodMetricsSource NONE = (namespace, selector, resource) -> Map.of();

    /** The usage of {@code resource} ("cpu", "memory") by the pods {@code selector} matches, by pod name. */
    Map<String, PodMetric> podMetrics(String namespace, LabelSelector selector, String resource);
}
