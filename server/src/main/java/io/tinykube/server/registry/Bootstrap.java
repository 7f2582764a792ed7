package io.tinykube.server.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** What exists from the first start, as in every Kubernetes cluster: the system namespaces and priority classes. */
@ApplicationScoped
public class Bootstrap {
    private static final Logger LOG = Logger.getLogger(Bootstrap.class);
    static final String[] NAMESPACES = {"default", "kube-system", "kube-public", "kube-node-lease"};

    @Inject
    ResourceRegistry registry;

    @ConfigProperty(name = "quarkus.http.ssl-port")
    int httpsPort;

    void onStart(@Observes StartupEvent event) {
        for (String namespace : NAMESPACES) {
            ObjectNode object = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            object.putObject("metadata").put("name", namespace);
            ensure(registry.namespaces(), null, object);
        }
        ensure(registry.require("", "v1", "services"), "default", kubernetesService(httpsPort));
        ensure(registry.require("scheduling.k8s.io", "v1", "priorityclasses"), null,
                priorityClass("system-node-critical", 2000001000, "Used for system critical pods that must not be moved from their current node."));
        ensure(registry.require("scheduling.k8s.io", "v1", "priorityclasses"), null,
                priorityClass("system-cluster-critical", 2000000000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."));
    }

    /** The {@code kubernetes} Service through which pods reach the API: the first cluster IP, port 443. */
    private static ObjectNode kubernetesService(int targetPort) {
        ObjectNode service = Json.object().put("apiVersion", "v1").put("kind", "Service");
        service.putObject("metadata").put("name", "kubernetes").putObject("labels")
                .put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = service.putObject("spec").put("type", "ClusterIP").put("clusterIP", "10.43.0.1").put("sessionAffinity", "None");
        spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP").put("targetPort", targetPort);
        return service;
    }

    private static ObjectNode priorityClass(String name, int value, String description) {
        ObjectNode object = Json.object().put("apiVersion", "scheduling.k8s.io/v1").put("kind", "PriorityClass");
        object.putObject("metadata").put("name", name);
        return object.put("value", value).put("globalDefault", false).put("description", description)
                .put("preemptionPolicy", "PreemptLowerPriority");
    }

    private static void ensure(GenericStore store, String namespace, ObjectNode object) {
        if (store.find(namespace, Objects.name(object)).isPresent()) {
            return;
        }
        try {
            store.create(namespace, object, false);
            LOG.debugf("created %s %s", store.type().kind(), Objects.name(object));
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }
}
