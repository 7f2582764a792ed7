package io.tinykube.server.controller.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A coordination.k8s.io Lease that lets one of several servers sharing a datastore run the
 * controllers: whoever holds an unexpired lease leads; the leader renews it, the others take it over
 * once it has expired. Only needed with a shared datastore: an embedded one has one server.
 */
public final class LeaderElection {
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final GenericStore leases;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Duration leaseDuration;
    private final Clock clock;
    private final Runnable onStartedLeading;
    private final Runnable onStoppedLeading;
    private boolean leading;

    public LeaderElection(GenericStore leases, String namespace, String name, String identity, Duration leaseDuration, Clock clock,
                          Runnable onStartedLeading, Runnable onStoppedLeading) {
        this.leases = leases;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.leaseDuration = leaseDuration;
        this.clock = clock;
        this.onStartedLeading = onStartedLeading;
        this.onStoppedLeading = onStoppedLeading;
    }

    public void start(ScheduledExecutorService executor, Duration renewPeriod) {
        executor.scheduleWithFixedDelay(this::tick, 0, renewPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void tick() {
        boolean held;
        try {
            held = tryAcquireOrRenew();
        } catch (RuntimeException e) {
            LOG.warnf("leader lease %s/%s: %s", namespace, name, e.getMessage());
            held = false;
        }
        if (held && !leading) {
            leading = true;
            LOG.infof("%s became the leader (lease %s/%s)", identity, namespace, name);
            onStartedLeading.run();
        } else if (!held && leading) {
            leading = false;
            LOG.warnf("%s lost the lease %s/%s; its controllers stop", identity, namespace, name);
            onStoppedLeading.run();
        }
    }

    private boolean tryAcquireOrRenew() {
        Instant now = clock.instant();
        Optional<ObjectNode> current = leases.find(namespace, name);
        if (current.isEmpty()) {
            ObjectNode lease = Json.object().put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
            Objects.metadata(lease).put("name", name).put("namespace", namespace);
            fill(Json.with(lease, "spec"), now, 0, true);
            try {
                leases.create(namespace, lease, false);
                return true;
            } catch (ApiException e) {
                if (e.code() == 409) {
                    return false;
                }
                throw e;
            }
        }
        ObjectNode spec = Json.with(current.get(), "spec");
        String holder = spec.path("holderIdentity").asText("");
        if (!holder.equals(identity) && !expired(spec, now)) {
            return false;
        }
        String seenVersion = Json.text(current.get(), "metadata", "resourceVersion");
        leases.update(namespace, name, lease -> {
            if (!seenVersion.equals(Json.text(lease, "metadata", "resourceVersion"))) {
                throw ApiException.conflict(leases.type(), name, "the lease changed meanwhile");
            }
            ObjectNode leaseSpec = Json.with(lease, "spec");
            boolean takeOver = !holder.equals(identity);
            fill(leaseSpec, now, leaseSpec.path("leaseTransitions").asInt(0) + (takeOver ? 1 : 0), takeOver);
            return lease;
        }, Part.ALL, false);
        return true;
    }

    private void fill(ObjectNode spec, Instant now, int transitions, boolean acquired) {
        spec.put("holderIdentity", identity);
        spec.put("leaseDurationSeconds", leaseDuration.toSeconds());
        if (acquired) {
            spec.put("acquireTime", MICRO_TIME.format(now));
        }
        spec.put("renewTime", MICRO_TIME.format(now));
        spec.put("leaseTransitions", transitions);
    }

    private static boolean expired(ObjectNode spec, Instant now) {
        String renewed = spec.path("renewTime").asText(null);
        if (renewed == null) {
            return true;
        }
        return Instant.parse(renewed).plusSeconds(spec.path("leaseDurationSeconds").asLong(15)).isBefore(now);
    }
}
