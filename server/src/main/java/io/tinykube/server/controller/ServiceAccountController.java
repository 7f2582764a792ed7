package io.tinykube.server.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.controller.runtime.Controller;
import io.tinykube.server.controller.runtime.ControllerContext;
import io.tinykube.server.controller.runtime.Informer;
import io.tinykube.server.controller.runtime.Reconciler;
import io.tinykube.server.controller.runtime.Result;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceRegistry;

/** Every active namespace has a {@code default} ServiceAccount and the {@code kube-root-ca.crt} ConfigMap. */
final class ServiceAccountController implements Controller, Reconciler {
    static final String ROOT_CA_CONFIGMAP = "kube-root-ca.crt";

    private final String rootCaPem;
    private ResourceRegistry registry;

    ServiceAccountController(String rootCaPem) {
        this.rootCaPem = rootCaPem;
    }

    @Override
    public void start(ControllerContext context) {
        registry = context.registry();
        Informer namespaces = context.informers().namespaces();
        context.runner("serviceaccount", this).watch(namespaces, namespace -> !Objects.isDeleting(namespace))
                .resync(namespaces, 300);
    }

    @Override
    public Result reconcile(String ignored, String namespace) {
        ObjectNode ns = registry.namespaces().find(null, namespace).orElse(null);
        if (ns == null || Objects.isDeleting(ns)) {
            return Result.DONE;
        }
        ObjectNode account = Json.object().put("apiVersion", "v1").put("kind", "ServiceAccount");
        account.putObject("metadata").put("name", "default");
        ensure(registry.require("", "v1", "serviceaccounts"), namespace, account);
        ObjectNode configMap = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        configMap.putObject("metadata").put("name", ROOT_CA_CONFIGMAP);
        configMap.putObject("data").put("ca.crt", rootCaPem);
        ensure(registry.require("", "v1", "configmaps"), namespace, configMap);
        return Result.DONE;
    }

    private static void ensure(GenericStore store, String namespace, ObjectNode object) {
        if (store.find(namespace, Objects.name(object)).isPresent()) {
            return;
        }
        try {
            store.create(namespace, object, false);
        } catch (ApiException e) {
            if (e.code() != 409 && e.code() != 403) { // 403: the namespace began terminating meanwhile
                throw e;
            }
        }
    }
}
