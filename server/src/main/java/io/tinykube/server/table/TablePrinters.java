package io.tinykube.server.table;

import java.util.HashMap;
import java.util.Map;

/** The printers by API group and kind. Immutable; {@link #with} makes an extended copy. */
public final class TablePrinters {
    private static final TablePrinters BUILTIN = new TablePrinters(builtinPrinters());

    private final Map<String, TablePrinter> printers;
    private final TablePrinter fallback;

    private TablePrinters(Map<String, TablePrinter> printers) {
        this.printers = Map.copyOf(printers);
        this.fallback = ClusterPrinters.nameAndAge();
    }

    /** The printers of the Kubernetes 1.33 built-in kinds tinykube serves. */
    public static TablePrinters builtin() {
        return BUILTIN;
    }

    /**
     * The printer of {@code group}/{@code kind}; for a kind without one (a custom resource), the Name and Age
     * table that the API server prints for custom resources without additional printer columns.
     */
    public TablePrinter forKind(String group, String kind) {
        return printers.getOrDefault(key(group, kind), fallback);
    }

    /** Whether {@code group}/{@code kind} has a printer of its own. */
    public boolean has(String group, String kind) {
        return printers.containsKey(key(group, kind));
    }

    /** A copy with {@code printer} for {@code group}/{@code kind} (e.g. a custom resource's printer columns). */
    public TablePrinters with(String group, String kind, TablePrinter printer) {
        Map<String, TablePrinter> copy = new HashMap<>(printers);
        copy.put(key(group, kind), printer);
        return new TablePrinters(copy);
    }

    private static String key(String group, String kind) {
        return group + "/" + kind;
    }

    private static Map<String, TablePrinter> builtinPrinters() {
        Map<String, TablePrinter> p = new HashMap<>();
        p.put(key("", "Pod"), PodPrinter.printer());
        p.put(key("", "PodTemplate"), WorkloadPrinters.podTemplate());
        p.put(key("", "ReplicationController"), WorkloadPrinters.replicationController());
        p.put(key("", "Service"), NetworkPrinters.service());
        p.put(key("", "Endpoints"), NetworkPrinters.endpoints());
        p.put(key("", "Node"), CorePrinters.node());
        p.put(key("", "Namespace"), CorePrinters.namespace());
        p.put(key("", "ConfigMap"), CorePrinters.configMap());
        p.put(key("", "Secret"), CorePrinters.secret());
        p.put(key("", "ServiceAccount"), CorePrinters.serviceAccount());
        p.put(key("", "Event"), CorePrinters.event(false));
        p.put(key("", "PersistentVolume"), CorePrinters.persistentVolume());
        p.put(key("", "PersistentVolumeClaim"), CorePrinters.persistentVolumeClaim());
        p.put(key("", "ResourceQuota"), CorePrinters.resourceQuota());
        p.put(key("", "LimitRange"), ClusterPrinters.createdAt());

        p.put(key("apps", "Deployment"), WorkloadPrinters.deployment());
        p.put(key("apps", "ReplicaSet"), WorkloadPrinters.replicaSet());
        p.put(key("apps", "StatefulSet"), WorkloadPrinters.statefulSet());
        p.put(key("apps", "DaemonSet"), WorkloadPrinters.daemonSet());
        p.put(key("apps", "ControllerRevision"), WorkloadPrinters.controllerRevision());
        p.put(key("batch", "Job"), WorkloadPrinters.job());
        p.put(key("batch", "CronJob"), WorkloadPrinters.cronJob());
        p.put(key("autoscaling", "HorizontalPodAutoscaler"), WorkloadPrinters.horizontalPodAutoscaler());
        p.put(key("policy", "PodDisruptionBudget"), WorkloadPrinters.podDisruptionBudget());

        p.put(key("events.k8s.io", "Event"), CorePrinters.event(true));
        p.put(key("discovery.k8s.io", "EndpointSlice"), NetworkPrinters.endpointSlice());
        p.put(key("networking.k8s.io", "Ingress"), NetworkPrinters.ingress());
        p.put(key("networking.k8s.io", "IngressClass"), NetworkPrinters.ingressClass());
        p.put(key("networking.k8s.io", "NetworkPolicy"), NetworkPrinters.networkPolicy());
        p.put(key("coordination.k8s.io", "Lease"), ClusterPrinters.lease());
        p.put(key("scheduling.k8s.io", "PriorityClass"), ClusterPrinters.priorityClass());
        p.put(key("storage.k8s.io", "StorageClass"), ClusterPrinters.storageClass());
        p.put(key("storage.k8s.io", "CSIDriver"), ClusterPrinters.csiDriver());
        p.put(key("rbac.authorization.k8s.io", "RoleBinding"), ClusterPrinters.roleBinding("roleBinding"));
        p.put(key("rbac.authorization.k8s.io", "ClusterRoleBinding"), ClusterPrinters.roleBinding("clusterRoleBinding"));
        p.put(key("rbac.authorization.k8s.io", "Role"), ClusterPrinters.createdAt());
        p.put(key("rbac.authorization.k8s.io", "ClusterRole"), ClusterPrinters.createdAt());
        p.put(key("apiextensions.k8s.io", "CustomResourceDefinition"), ClusterPrinters.createdAt());
        return p;
    }
}
