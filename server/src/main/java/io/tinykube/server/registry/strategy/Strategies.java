package io.tinykube.server.registry.strategy;

import io.tinykube.server.registry.ResourceType;
import io.tinykube.server.registry.Strategy;
import io.tinykube.store.api.KvStore;

/** Which strategy each built-in resource uses; types not named here need nothing beyond the generic store. */
public final class Strategies {
    private Strategies() {
    }

    public static Strategy forType(ResourceType type, KvStore kv) {
        return switch (type.group() + "/" + type.kind()) {
            case "/Service" -> new ServiceStrategy(type, new ServiceAddresses(kv));
            case "/Event" -> new EventStrategy();
            case "/Node" -> new NodeStrategy();
            case "batch/Job" -> BatchStrategy.job();
            case "batch/CronJob" -> BatchStrategy.cronJob();
            case "/Namespace" -> new NamespaceStrategy();
            case "/Pod" -> new PodStrategy(new PriorityAdmission(kv));
            case "/Secret" -> new SecretStrategy();
            case "/ConfigMap" -> new ConfigMapStrategy();
            case "/ReplicationController" -> WorkloadStrategy.replicationController();
            case "apps/Deployment" -> WorkloadStrategy.deployment();
            case "apps/ReplicaSet" -> WorkloadStrategy.replicaSet();
            case "apps/StatefulSet" -> WorkloadStrategy.statefulSet();
            case "apps/DaemonSet" -> new DaemonSetStrategy();
            case "policy/PodDisruptionBudget" -> new PodDisruptionBudgetStrategy();
            default -> Strategy.DEFAULT;
        };
    }
}
