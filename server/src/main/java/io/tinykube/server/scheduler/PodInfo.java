package io.tinykube.server.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.Quantities;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What scheduling reads of a pod, parsed once: its requests, host ports, priority and pod (anti-)affinity terms. */
final class PodInfo {
    /** Upstream's defaults for a container without a request, used only for scoring so empty pods still spread. */
    static final long DEFAULT_MILLI_CPU = 100;
    static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    final ObjectNode pod;
    final String namespace;
    final String name;
    final String key;
    final Map<String, String> labels;
    final int priority;
    final boolean deleting;
    /** status.startTime; null when the pod has not started, which upstream reads as "now". */
    final Instant startTime;
    final long milliCpu;
    final long memory;
    final long ephemeralStorage;
    final long nonZeroMilliCpu;
    final long nonZeroMemory;
    final List<HostPort> hostPorts;
    final List<AffinityTerm> requiredAffinityTerms;
    final List<AffinityTerm> requiredAntiAffinityTerms;
    final List<WeightedTerm> preferredAffinityTerms;
    final List<WeightedTerm> preferredAntiAffinityTerms;

    record HostPort(String hostIp, String protocol, int port) {
        static final String ANY_IP = "0.0.0.0";

        /** Upstream's HostPortInfo.CheckConflict: 0.0.0.0 on either side takes the port on every address. */
        boolean conflicts(HostPort used) {
            return port == used.port && protocol.equals(used.protocol)
                    && (hostIp.equals(ANY_IP) || used.hostIp.equals(ANY_IP) || hostIp.equals(used.hostIp));
        }
    }

    /** A PodAffinityTerm: which pods (namespaces and selector) and in which topology. */
    record AffinityTerm(Set<String> namespaces, LabelSelector namespaceSelector, LabelSelector selector, String topologyKey) {
        boolean matches(PodInfo target, NamespaceLabels namespaceLabels) {
            boolean namespaceMatches = namespaces.contains(target.namespace)
                    || (namespaceSelector != null && namespaceSelector.matches(namespaceLabels.of(target.namespace)));
            return namespaceMatches && selector.matches(target.labels);
        }
    }

    record WeightedTerm(AffinityTerm term, int weight) {
    }

    /** Labels of a namespace by name, for terms with a namespaceSelector. */
    interface NamespaceLabels {
        Map<String, String> of(String namespace);
    }

    PodInfo(ObjectNode pod) {
        this.pod = pod;
        this.namespace = java.util.Objects.requireNonNullElse(Objects.namespace(pod), "");
        this.name = java.util.Objects.requireNonNullElse(Objects.name(pod), "");
        this.key = namespace + "/" + name;
        this.labels = Objects.labels(pod);
        JsonNode spec = pod.path("spec");
        this.priority = spec.path("priority").asInt(0);
        this.deleting = Objects.isDeleting(pod);
        this.startTime = instant(Json.text(pod, "status", "startTime"));
        long[] requests = requests(spec, false);
        long[] nonZero = requests(spec, true);
        this.milliCpu = requests[0];
        this.memory = requests[1];
        this.ephemeralStorage = requests[2];
        this.nonZeroMilliCpu = nonZero[0];
        this.nonZeroMemory = nonZero[1];
        this.hostPorts = hostPorts(spec);
        JsonNode affinity = spec.path("affinity");
        this.requiredAffinityTerms = terms(affinity.path("podAffinity").path("requiredDuringSchedulingIgnoredDuringExecution"));
        this.requiredAntiAffinityTerms = terms(affinity.path("podAntiAffinity").path("requiredDuringSchedulingIgnoredDuringExecution"));
        this.preferredAffinityTerms = weightedTerms(affinity.path("podAffinity").path("preferredDuringSchedulingIgnoredDuringExecution"));
        this.preferredAntiAffinityTerms = weightedTerms(affinity.path("podAntiAffinity").path("preferredDuringSchedulingIgnoredDuringExecution"));
    }

    boolean hasPodAffinity() {
        return !requiredAffinityTerms.isEmpty() || !requiredAntiAffinityTerms.isEmpty()
                || !preferredAffinityTerms.isEmpty() || !preferredAntiAffinityTerms.isEmpty();
    }

    /** Upstream's MoreImportantPod: higher priority first, then the one that started earlier. */
    static int byImportance(PodInfo a, PodInfo b) {
        if (a.priority != b.priority) {
            return Integer.compare(b.priority, a.priority);
        }
        return compareStart(a.startTime, b.startTime);
    }

    /** Start times with "not started" (null) as the latest. */
    static int compareStart(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * cpu (milli), memory and ephemeral-storage as upstream's PodRequests computes them: the containers' sum (plus
     * sidecars, restartable init containers, which run alongside), or the largest init container step if that is
     * bigger, plus the pod overhead. A container with only a limit requests its limit, as API defaulting makes it;
     * with {@code nonZero}, a missing cpu or memory request counts as upstream's scoring default.
     */
    private static long[] requests(JsonNode spec, boolean nonZero) {
        long[] total = new long[3];
        long[] sidecars = new long[3];
        long[] initMax = new long[3];
        for (JsonNode container : spec.path("containers")) {
            add(total, containerRequests(container, nonZero));
        }
        for (JsonNode container : spec.path("initContainers")) {
            long[] own = containerRequests(container, nonZero);
            long[] step = new long[3];
            if ("Always".equals(container.path("restartPolicy").asText())) {
                add(total, own);
                add(sidecars, own);
                add(step, sidecars);
            } else {
                add(step, own);
                add(step, sidecars);
            }
            for (int i = 0; i < 3; i++) {
                initMax[i] = Math.max(initMax[i], step[i]);
            }
        }
        for (int i = 0; i < 3; i++) {
            total[i] = Math.max(total[i], initMax[i]);
        }
        JsonNode overhead = spec.path("overhead");
        total[0] += Quantities.milliValue(overhead.path("cpu").asText(null));
        total[1] += Quantities.value(overhead.path("memory").asText(null));
        total[2] += Quantities.value(overhead.path("ephemeral-storage").asText(null));
        return total;
    }

    private static long[] containerRequests(JsonNode container, boolean nonZero) {
        JsonNode resources = container.path("resources");
        String cpu = quantity(resources, "cpu");
        String memory = quantity(resources, "memory");
        return new long[] {
            cpu == null ? (nonZero ? DEFAULT_MILLI_CPU : 0) : Quantities.milliValue(cpu),
            memory == null ? (nonZero ? DEFAULT_MEMORY : 0) : Quantities.value(memory),
            Quantities.value(quantity(resources, "ephemeral-storage")),
        };
    }

    private static String quantity(JsonNode resources, String name) {
        JsonNode request = resources.path("requests").get(name);
        if (request == null || request.isNull()) {
            request = resources.path("limits").get(name);
        }
        return request == null || request.isNull() ? null : request.asText();
    }

    private static void add(long[] sum, long[] more) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += more[i];
        }
    }

    private static List<HostPort> hostPorts(JsonNode spec) {
        List<HostPort> ports = new ArrayList<>(0);
        for (JsonNode container : spec.path("containers")) {
            for (JsonNode port : container.path("ports")) {
                int hostPort = port.path("hostPort").asInt(0);
                if (hostPort > 0) {
                    String ip = port.path("hostIP").asText("");
                    String protocol = port.path("protocol").asText("");
                    ports.add(new HostPort(ip.isEmpty() ? HostPort.ANY_IP : ip, protocol.isEmpty() ? "TCP" : protocol, hostPort));
                }
            }
        }
        return ports;
    }

    private List<AffinityTerm> terms(JsonNode terms) {
        List<AffinityTerm> result = new ArrayList<>(0);
        for (JsonNode term : terms) {
            result.add(term(term));
        }
        return result;
    }

    private List<WeightedTerm> weightedTerms(JsonNode terms) {
        List<WeightedTerm> result = new ArrayList<>(0);
        for (JsonNode term : terms) {
            result.add(new WeightedTerm(term(term.path("podAffinityTerm")), term.path("weight").asInt(0)));
        }
        return result;
    }

    /** Namespaces default to the pod's own only when neither namespaces nor a namespaceSelector is given. */
    private AffinityTerm term(JsonNode term) {
        Set<String> namespaces = new HashSet<>();
        term.path("namespaces").forEach(ns -> namespaces.add(ns.asText()));
        JsonNode namespaceSelector = term.get("namespaceSelector");
        boolean hasSelector = namespaceSelector != null && !namespaceSelector.isNull();
        if (namespaces.isEmpty() && !hasSelector) {
            namespaces.add(namespace);
        }
        return new AffinityTerm(namespaces, hasSelector ? LabelSelector.fromObject(namespaceSelector) : null,
                LabelSelector.fromObject(term.get("labelSelector")), term.path("topologyKey").asText());
    }
}
