package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.LabelSelectors;

/** What differs between a ReplicaSet and a ReplicationController: where they live and how their selector reads. */
record ReplicaSetKind(String group, String version, String plural, String kind, String component, boolean mapSelector) {
    static final ReplicaSetKind REPLICA_SET = new ReplicaSetKind("apps", "v1", "replicasets", "ReplicaSet", "replicaset-controller", false);
    static final ReplicaSetKind REPLICATION_CONTROLLER = new ReplicaSetKind("", "v1", "replicationcontrollers", "ReplicationController",
            "replication-controller", true);

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Whether the controller's selector selects these labels; an empty or missing selector selects nothing here. */
    boolean selects(JsonNode controller, JsonNode labels) {
        JsonNode selector = Json.at(controller, "spec", "selector");
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        return mapSelector ? LabelSelectors.mapMatches(selector, labels) : LabelSelectors.matches(selector, labels);
    }
}
