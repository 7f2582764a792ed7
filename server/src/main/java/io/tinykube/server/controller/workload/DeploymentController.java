package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.ControllerRunner;
import io.tinykube.server.controller.runtime.EventRecorder;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.LabelSelectors;
import io.tinykube.server.registry.Objects;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Rolls Deployments out through ReplicaSets, as upstream's pkg/controller/deployment: one new set per
 * pod template (named by its hash), RollingUpdate within maxSurge/maxUnavailable or Recreate, scaling
 * spread proportionally over the sets during a rollout, revisions and rollbacks, pause, old set
 * cleanup, and the Available/Progressing conditions with the progress deadline. Each sync is a
 * {@link DeploymentSync}.
 */
public final class DeploymentController implements Controller, Reconciler {
    private final long resyncSeconds;
    Informer deployments;
    Informer sets;
    Informer pods;
    GenericStore deploymentStore;
    GenericStore setStore;
    EventRecorder events;
    Clock clock;
    private ControllerRunner runner;

    public DeploymentController(Duration resync) {
        this.resyncSeconds = Math.max(1, resync.toSeconds());
    }

    @Override
    public void start(ControllerContext context) {
        clock = context.clock();
        deploymentStore = context.store("apps", "v1", "deployments");
        setStore = context.store("apps", "v1", "replicasets");
        events = context.events("deployment-controller");
        deployments = context.informers().get("apps", "v1", "deployments");
        sets = context.informers().get("apps", "v1", "replicasets");
        pods = context.informers().pods();
        sets.addIndexer(Owners.BY_CONTROLLER_UID, Owners.CONTROLLER_UID_INDEXER);
        pods.addIndexer(Owners.BY_CONTROLLER_UID, Owners.CONTROLLER_UID_INDEXER);
        runner = context.runner("deployments", this).watch(deployments, deployment -> true).resync(deployments, resyncSeconds)
                .watchMapped(sets, this::deploymentsOf);
        pods.addHandler(new Informer.Handler() {
            @Override
            public void onAdd(ObjectNode pod) {
            }

            @Override
            public void onUpdate(ObjectNode old, ObjectNode current) {
            }

            @Override
            public void onDelete(ObjectNode last) {
                // a Recreate rollout waits for the old pods to be gone
                ObjectNode ref = Owners.controllerOf(last);
                if (ref != null && "ReplicaSet".equals(ref.path("kind").asText())) {
                    sets.get(Objects.namespace(last), ref.path("name").asText()).ifPresent(rs -> deploymentsOf(rs).forEach(key ->
                            deployments.get(Objects.namespace(rs), key.substring(key.indexOf('/') + 1))
                                    .filter(deployment -> !RolloutLimits.rolling(deployment))
                                    .ifPresent(deployment -> runner.enqueue(key))));
                }
            }
        });
    }

    /** The deployment controlling a ReplicaSet, or for an orphan every deployment that selects it. */
    private Collection<String> deploymentsOf(ObjectNode rs) {
        ObjectNode ref = Owners.controllerOf(rs);
        if (ref != null) {
            return "Deployment".equals(ref.path("kind").asText()) ? List.of(Informer.key(Objects.namespace(rs), ref.path("name").asText()))
                    : List.of();
        }
        List<String> keys = new ArrayList<>();
        for (ObjectNode deployment : deployments.list(Objects.namespace(rs))) {
            if (selects(deployment, rs)) {
                keys.add(Informer.key(deployment));
            }
        }
        return keys;
    }

    static boolean selects(JsonNode deployment, JsonNode object) {
        JsonNode selector = Json.at(deployment, "spec", "selector");
        return selector != null && !selector.isEmpty() && LabelSelectors.matches(selector, Json.at(object, "metadata", "labels"));
    }

    @Override
    public Result reconcile(String namespace, String name) {
        ObjectNode deployment = deployments.get(namespace, name).orElse(null);
        if (deployment == null) {
            return Result.DONE;
        }
        try {
            return new DeploymentSync(this, deployment.deepCopy()).run();
        } catch (ApiException e) {
            if (e.code() == 409 || e.code() == 404) {
                return Result.RETRY; // acted on a stale cache: the watch brings the news, then try again
            }
            throw e;
        }
    }
}
