package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.json.Json;
import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Upstream's Priority admission plugin: a pod's {@code priorityClassName} (or the class marked
 * {@code globalDefault}) decides its {@code priority} and {@code preemptionPolicy}; an unknown class, or a
 * priority given by hand that disagrees, is forbidden.
 */
final class PriorityAdmission {
    private static final String PREFIX = "/registry/scheduling.k8s.io/priorityclasses/";
    private static final String DEFAULT_PREEMPTION = "PreemptLowerPriority";

    private final KvStore kv;

    PriorityAdmission(KvStore kv) {
        this.kv = kv;
    }

    void admit(ObjectNode pod) {
        ObjectNode spec = Json.with(pod, "spec");
        String className = Json.text(spec, "priorityClassName");
        JsonNode priorityClass;
        if (className == null || className.isEmpty()) {
            priorityClass = globalDefault().orElse(null);
            if (priorityClass != null) {
                spec.put("priorityClassName", Json.text(priorityClass, "metadata", "name"));
            }
        } else {
            priorityClass = read(PREFIX + className).orElseThrow(() -> forbidden(pod, "no PriorityClass with name " + className + " was found"));
        }
        long priority = priorityClass == null ? 0 : priorityClass.path("value").asLong();
        String preemption = priorityClass == null ? DEFAULT_PREEMPTION : priorityClass.path("preemptionPolicy").asText(DEFAULT_PREEMPTION);
        if (spec.hasNonNull("priority") && spec.get("priority").asLong() != priority) {
            throw forbidden(pod, "the integer value of priority (" + spec.get("priority").asLong() + ") must not be provided in pod spec; "
                    + "priority admission controller computed " + priority + " from the given PriorityClass name");
        }
        if (spec.hasNonNull("preemptionPolicy") && !spec.get("preemptionPolicy").asText().equals(preemption)) {
            throw forbidden(pod, "the string value of PreemptionPolicy (" + spec.get("preemptionPolicy").asText() + ") must not be provided "
                    + "in pod spec; priority admission controller computed " + preemption + " from the given PriorityClass name");
        }
        spec.put("priority", priority);
        spec.put("preemptionPolicy", preemption);
    }

    private Optional<JsonNode> globalDefault() {
        String after = null;
        while (true) {
            var page = kv.list(PREFIX, after, 64, 0);
            for (KeyValue item : page.items()) {
                JsonNode priorityClass = decode(item);
                if (priorityClass.path("globalDefault").asBoolean(false)) {
                    return Optional.of(priorityClass);
                }
                after = item.key();
            }
            if (!page.more()) {
                return Optional.empty();
            }
        }
    }

    private Optional<JsonNode> read(String key) {
        return kv.get(key).map(PriorityAdmission::decode);
    }

    private static JsonNode decode(KeyValue item) {
        try {
            return Json.MAPPER.readTree(item.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiException forbidden(JsonNode pod, String why) {
        String name = Json.text(pod, "metadata", "name");
        ObjectNode details = Json.object().put("name", name == null ? "" : name).put("kind", "pods");
        return new ApiException(403, "Forbidden", "pods \"" + (name == null ? "" : name) + "\" is forbidden: " + why, details);
    }
}
