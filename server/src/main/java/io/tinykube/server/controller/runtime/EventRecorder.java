package io.tinykube.server.controller.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Writes core/v1 Events for what controllers do, off the caller's thread. A repeat of the same event
 * (object, type, reason, message) bumps {@code count} and {@code lastTimestamp} of the stored one, as
 * upstream's aggregation does; the store expires events after an hour. When the store falls behind,
 * events are dropped rather than queued without bound.
 */
public final class EventRecorder {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    static final int REMEMBERED = 1024;
    static final int MAX_PENDING = 512;

    private final GenericStore events;
    private final Executor executor;
    private final Clock clock;
    private final String component;
    private final String instance;
    private final AtomicInteger pending = new AtomicInteger();
    /** Recent events by what they say, to their stored names. */
    private final Map<String, String> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    public EventRecorder(GenericStore events, Executor executor, Clock clock, String component, String instance) {
        this.events = events;
        this.executor = executor;
        this.clock = clock;
        this.component = component;
        this.instance = instance;
    }

    public void normal(ObjectNode involved, String reason, String message) {
        record(involved, "Normal", reason, message);
    }

    public void warning(ObjectNode involved, String reason, String message) {
        record(involved, "Warning", reason, message);
    }

    private void record(ObjectNode involved, String type, String reason, String message) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            LOG.debugf("event dropped: %s %s", reason, message);
            return;
        }
        ObjectNode reference = reference(involved);
        executor.execute(() -> {
            try {
                write(reference, type, reason, message);
            } catch (RuntimeException e) {
                LOG.debugf("event not written: %s", e.getMessage());
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private static ObjectNode reference(ObjectNode involved) {
        ObjectNode reference = Json.object();
        reference.put("kind", involved.path("kind").asText());
        if (Objects.namespace(involved) != null) {
            reference.put("namespace", Objects.namespace(involved));
        }
        reference.put("name", Objects.name(involved));
        reference.put("uid", Json.text(involved, "metadata", "uid"));
        reference.put("apiVersion", involved.path("apiVersion").asText());
        String resourceVersion = Json.text(involved, "metadata", "resourceVersion");
        if (resourceVersion != null) {
            reference.put("resourceVersion", resourceVersion);
        }
        return reference;
    }

    private void write(ObjectNode reference, String type, String reason, String message) {
        String namespace = reference.has("namespace") ? reference.path("namespace").asText() : "default";
        String what = reference.path("uid").asText() + "\u0000" + type + "\u0000" + reason + "\u0000" + message;
        String now = Objects.timestamp(clock.instant());
        String existing;
        synchronized (recent) {
            existing = recent.get(what);
        }
        if (existing != null) {
            try {
                events.update(namespace, existing, event -> {
                    event.put("count", event.path("count").asInt(1) + 1);
                    event.put("lastTimestamp", now);
                    return event;
                }, Part.ALL, false);
                return;
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        String name = reference.path("name").asText() + "." + Long.toHexString(clock.millis() * 1_000_000 + System.nanoTime() % 1_000_000);
        ObjectNode event = Json.object().put("apiVersion", "v1").put("kind", "Event");
        Objects.metadata(event).put("name", name).put("namespace", namespace);
        event.set("involvedObject", reference);
        event.put("reason", reason).put("message", message).put("type", type);
        event.putObject("source").put("component", component);
        event.put("firstTimestamp", now).put("lastTimestamp", now).put("count", 1);
        event.put("reportingComponent", component).put("reportingInstance", instance);
        events.create(namespace, event, false);
        synchronized (recent) {
            recent.put(what, name);
        }
    }
}
