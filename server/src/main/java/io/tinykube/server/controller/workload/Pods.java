package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import java.time.Instant;

/** Pod facts the workload controllers decide on (upstream's podutil). */
final class Pods {
    private Pods() {
    }

    /** Counted as a replica: neither terminal nor being deleted (controller.FilterActivePods). */
    static boolean isActive(JsonNode pod) {
        String phase = phase(pod);
        return !"Succeeded".equals(phase) && !"Failed".equals(phase) && !Objects.isDeleting(pod);
    }

    static String phase(JsonNode pod) {
        String phase = Json.text(pod, "status", "phase");
        return phase == null ? "" : phase;
    }

    static JsonNode readyCondition(JsonNode pod) {
        JsonNode conditions = Json.at(pod, "status", "conditions");
        if (conditions != null) {
            for (JsonNode condition : conditions) {
                if ("Ready".equals(condition.path("type").asText())) {
                    return condition;
                }
            }
        }
        return null;
    }

    static boolean isReady(JsonNode pod) {
        JsonNode ready = readyCondition(pod);
        return ready != null && "True".equals(ready.path("status").asText());
    }

    /** When the pod last turned ready, or null. */
    static Instant readySince(JsonNode pod) {
        JsonNode ready = readyCondition(pod);
        String since = ready == null ? null : ready.path("lastTransitionTime").asText(null);
        return since == null ? null : Instant.parse(since);
    }

    /** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
    static boolean isAvailable(JsonNode pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds == 0) {
            return true;
        }
        Instant since = readySince(pod);
        return since != null && since.plusSeconds(minReadySeconds).isBefore(now);
    }

    static int maxRestarts(JsonNode pod) {
        int max = 0;
        for (String statuses : new String[] {"initContainerStatuses", "containerStatuses"}) {
            JsonNode list = Json.at(pod, "status", statuses);
            if (list != null) {
                for (JsonNode status : list) {
                    max = Math.max(max, status.path("restartCount").asInt(0));
                }
            }
        }
        return max;
    }

    static Instant created(JsonNode pod) {
        String created = Json.text(pod, "metadata", "creationTimestamp");
        return created == null ? null : Instant.parse(created);
    }
}
