package io.tinykube.server.registry;

import io.tinykube.server.registry.ResourceType.Subresource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in resources of the Kubernetes 1.33 API that tinykube serves, with upstream's discovery facts. */
public final class BuiltinResources {
    private static final List<ResourceType> ALL = build();

    private BuiltinResources() {
    }

    public static List<ResourceType> all() {
        return ALL;
    }

    /** Group-versions in the order discovery lists them; the core group first. */
    public static Map<String, List<ResourceType>> byGroupVersion() {
        Map<String, List<ResourceType>> groups = new LinkedHashMap<>();
        for (ResourceType type : ALL) {
            groups.computeIfAbsent(type.apiVersion(), k -> new ArrayList<>()).add(type);
        }
        return groups;
    }

    private static List<ResourceType> build() {
        List<ResourceType> all = new ArrayList<>();
        Builder core = new Builder(all, "", "v1");
        core.ns("Binding", "bindings").verbs(ResourceType.CREATE_ONLY);
        core.ns("ConfigMap", "configmaps").shortNames("cm");
        core.ns("Endpoints", "endpoints").shortNames("ep");
        core.ns("Event", "events").shortNames("ev");
        core.ns("LimitRange", "limitranges").shortNames("limits");
        core.cluster("Namespace", "namespaces").shortNames("ns").status()
                .sub("finalize", "", "v1", "Namespace", List.of("update"));
        core.cluster("Node", "nodes").shortNames("no").status();
        core.ns("PersistentVolumeClaim", "persistentvolumeclaims").shortNames("pvc").status();
        core.cluster("PersistentVolume", "persistentvolumes").shortNames("pv").status();
        core.ns("Pod", "pods").shortNames("po").categories("all")
                .sub("attach", "", "v1", "PodAttachOptions", List.of("create", "get"))
                .sub("binding", "", "v1", "Binding", List.of("create"))
                .sub("ephemeralcontainers", "", "v1", "Pod", List.of("get", "patch", "update"))
                .sub("eviction", "policy", "v1", "Eviction", List.of("create"))
                .sub("exec", "", "v1", "PodExecOptions", List.of("create", "get"))
                .sub("log", "", "v1", "Pod", List.of("get"))
                .sub("portforward", "", "v1", "PodPortForwardOptions", List.of("create", "get"))
                .status();
        core.ns("PodTemplate", "podtemplates");
        core.ns("ReplicationController", "replicationcontrollers").shortNames("rc").categories("all").scale("autoscaling").status();
        core.ns("ResourceQuota", "resourcequotas").shortNames("quota").status();
        core.ns("Secret", "secrets");
        core.ns("ServiceAccount", "serviceaccounts").shortNames("sa")
                .sub("token", "authentication.k8s.io", "v1", "TokenRequest", List.of("create"));
        core.ns("Service", "services").shortNames("svc").categories("all").status();

        Builder apps = new Builder(all, "apps", "v1");
        apps.ns("ControllerRevision", "controllerrevisions");
        apps.ns("DaemonSet", "daemonsets").shortNames("ds").categories("all").status();
        apps.ns("Deployment", "deployments").shortNames("deploy").categories("all").scale("autoscaling").status();
        apps.ns("ReplicaSet", "replicasets").shortNames("rs").categories("all").scale("autoscaling").status();
        apps.ns("StatefulSet", "statefulsets").shortNames("sts").categories("all").scale("autoscaling").status();

        new Builder(all, "authentication.k8s.io", "v1").cluster("SelfSubjectReview", "selfsubjectreviews").verbs(ResourceType.CREATE_ONLY);
        new Builder(all, "authentication.k8s.io", "v1").cluster("TokenReview", "tokenreviews").verbs(ResourceType.CREATE_ONLY);
        Builder authorization = new Builder(all, "authorization.k8s.io", "v1");
        authorization.ns("LocalSubjectAccessReview", "localsubjectaccessreviews").verbs(ResourceType.CREATE_ONLY);
        authorization.cluster("SelfSubjectAccessReview", "selfsubjectaccessreviews").verbs(ResourceType.CREATE_ONLY);
        authorization.cluster("SelfSubjectRulesReview", "selfsubjectrulesreviews").verbs(ResourceType.CREATE_ONLY);
        authorization.cluster("SubjectAccessReview", "subjectaccessreviews").verbs(ResourceType.CREATE_ONLY);

        new Builder(all, "autoscaling", "v2").ns("HorizontalPodAutoscaler", "horizontalpodautoscalers").shortNames("hpa").categories("all").status();
        new Builder(all, "autoscaling", "v1").ns("HorizontalPodAutoscaler", "horizontalpodautoscalers").shortNames("hpa").categories("all").status();

        Builder batch = new Builder(all, "batch", "v1");
        batch.ns("CronJob", "cronjobs").shortNames("cj").categories("all").status();
        batch.ns("Job", "jobs").categories("all").status();

        new Builder(all, "coordination.k8s.io", "v1").ns("Lease", "leases");
        new Builder(all, "discovery.k8s.io", "v1").ns("EndpointSlice", "endpointslices");
        new Builder(all, "events.k8s.io", "v1").ns("Event", "events").shortNames("ev");

        Builder networking = new Builder(all, "networking.k8s.io", "v1");
        networking.cluster("IngressClass", "ingressclasses");
        networking.ns("Ingress", "ingresses").shortNames("ing").status();
        networking.ns("NetworkPolicy", "networkpolicies").shortNames("netpol");

        new Builder(all, "policy", "v1").ns("PodDisruptionBudget", "poddisruptionbudgets").shortNames("pdb").status();

        Builder rbac = new Builder(all, "rbac.authorization.k8s.io", "v1");
        rbac.cluster("ClusterRoleBinding", "clusterrolebindings");
        rbac.cluster("ClusterRole", "clusterroles");
        rbac.ns("RoleBinding", "rolebindings");
        rbac.ns("Role", "roles");

        new Builder(all, "scheduling.k8s.io", "v1").cluster("PriorityClass", "priorityclasses").shortNames("pc");

        Builder storage = new Builder(all, "storage.k8s.io", "v1");
        storage.cluster("CSIDriver", "csidrivers");
        storage.cluster("StorageClass", "storageclasses").shortNames("sc");
        return List.copyOf(all);
    }

    /** Fluent helper that appends to the list; each call to ns/cluster starts a new resource. */
    private static final class Builder {
        private final List<ResourceType> all;
        private final String group;
        private final String version;

        Builder(List<ResourceType> all, String group, String version) {
            this.all = all;
            this.group = group;
            this.version = version;
        }

        Entry ns(String kind, String plural) {
            return new Entry(this, kind, plural, true);
        }

        Entry cluster(String kind, String plural) {
            return new Entry(this, kind, plural, false);
        }
    }

    private static final class Entry {
        private final Builder builder;
        private final int index;

        Entry(Builder builder, String kind, String plural, boolean namespaced) {
            this.builder = builder;
            this.index = builder.all.size();
            builder.all.add(new ResourceType(builder.group, builder.version, kind, plural, namespaced,
                    List.of(), List.of(), ResourceType.ALL_VERBS, List.of()));
        }

        private ResourceType get() {
            return builder.all.get(index);
        }

        private Entry set(ResourceType type) {
            builder.all.set(index, type);
            return this;
        }

        Entry shortNames(String... names) {
            ResourceType t = get();
            return set(new ResourceType(t.group(), t.version(), t.kind(), t.plural(), t.namespaced(), List.of(names),
                    t.categories(), t.verbs(), t.subresources()));
        }

        Entry categories(String... categories) {
            ResourceType t = get();
            return set(new ResourceType(t.group(), t.version(), t.kind(), t.plural(), t.namespaced(), t.shortNames(),
                    List.of(categories), t.verbs(), t.subresources()));
        }

        Entry verbs(List<String> verbs) {
            ResourceType t = get();
            return set(new ResourceType(t.group(), t.version(), t.kind(), t.plural(), t.namespaced(), t.shortNames(),
                    t.categories(), verbs, t.subresources()));
        }

        Entry sub(String name, String group, String version, String kind, List<String> verbs) {
            ResourceType t = get();
            List<Subresource> subs = new ArrayList<>(t.subresources());
            subs.add(new Subresource(name, group, version, kind, verbs));
            return set(new ResourceType(t.group(), t.version(), t.kind(), t.plural(), t.namespaced(), t.shortNames(),
                    t.categories(), t.verbs(), List.copyOf(subs)));
        }

        Entry status() {
            ResourceType t = get();
            return sub("status", t.group(), t.version(), t.kind(), List.of("get", "patch", "update"));
        }

        Entry scale(String scaleGroup) {
            return sub("scale", scaleGroup, "v1", "Scale", List.of("get", "patch", "update"));
        }
    }
}
