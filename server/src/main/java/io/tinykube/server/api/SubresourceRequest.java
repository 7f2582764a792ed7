package io.tinykube.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.apply.ManagedFields;
import io.tinykube.server.json.Json;
import io.tinykube.server.patch.PatchException;
import io.tinykube.server.patch.Patches;
import io.tinykube.server.schema.FieldSchema;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceType;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/** One request to a subresource: status, scale, binding, eviction, finalize, and the pod streams. */
final class SubresourceRequest {
    private final RoutingContext context;
    private final GenericStore store;
    private final RequestInfo info;
    private final ResourceType.Subresource subresource;
    private final ResourceRoutes routes;
    private final HttpMethod method;

    SubresourceRequest(RoutingContext context, GenericStore store, RequestInfo info, ResourceType.Subresource subresource,
                       ResourceRoutes routes) {
        this.context = context;
        this.store = store;
        this.info = info;
        this.subresource = subresource;
        this.routes = routes;
        this.method = context.request().method();
    }

    void run() {
        switch (subresource.name()) {
            case "status" -> status();
            case "scale" -> scale();
            case "binding" -> requireMethod(HttpMethod.POST, () -> {
                ObjectNode binding = routes.body(context, subresourceApiVersion(), subresource.kind());
                Objects.metadata(binding).put("name", info.name());
                routes.responses.send(context, 201, routes.virtualResources.podBinding.bind(info.namespace(), binding));
            });
            case "eviction" -> requireMethod(HttpMethod.POST, this::evict);
            case "finalize" -> requireMethod(HttpMethod.PUT, this::finalizeNamespace);
            case "ephemeralcontainers" -> ephemeralContainers();
            case "token" -> requireMethod(HttpMethod.POST, this::token);
            case "log", "exec", "attach", "portforward" -> podStream();
            default -> throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    /** The apiVersion of the subresource's own kind (Binding v1, autoscaling/v1 Scale, authentication.k8s.io/v1 TokenRequest). */
    private String subresourceApiVersion() {
        return subresource.group().isEmpty() ? subresource.version() : subresource.group() + "/" + subresource.version();
    }

    private void requireMethod(HttpMethod expected, Runnable action) {
        if (method != expected) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        action.run();
    }

    private void status() {
        if (method == HttpMethod.GET) {
            routes.responses.sendObject(context, 200, store.type(), store.get(info.namespace(), info.name()));
        } else if (method == HttpMethod.PUT) {
            routes.update(context, store, info.namespace(), info.name(), Part.STATUS);
        } else if (method == HttpMethod.PATCH) {
            routes.patch(context, store, info.namespace(), info.name(), Part.STATUS);
        } else {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    // ---- scale: an autoscaling/v1 Scale view of spec.replicas

    private void scale() {
        if (method == HttpMethod.GET) {
            routes.responses.send(context, 200, toScale(store.get(info.namespace(), info.name())));
            return;
        }
        ObjectNode scale;
        if (method == HttpMethod.PUT) {
            scale = routes.body(context, subresourceApiVersion(), subresource.kind());
        } else if (method == HttpMethod.PATCH) {
            // kubectl scale sends a merge patch of the Scale view; a resourceVersion in it is a precondition.
            ObjectNode current = toScale(store.get(info.namespace(), info.name()));
            Objects.metadata(current).remove("resourceVersion");
            try {
                scale = Patches.apply(Bodies.mediaType(context.request().getHeader("Content-Type")), current,
                        ResourceRoutes.bodyBytes(context), FieldSchema.UNKNOWN);
            } catch (PatchException e) {
                throw new ApiException(e.code(), e.reason(), e.getMessage(), null);
            } catch (UnsupportedOperationException e) {
                throw ApiException.unsupportedMediaType(context.request().getHeader("Content-Type"));
            }
        } else {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        writeScale(scale);
    }

    void writeScale(ObjectNode scale) {
        JsonNode replicas = Json.at(scale, "spec", "replicas");
        if (replicas != null && (!replicas.canConvertToInt() || replicas.asInt() < 0)) {
            throw ApiException.invalid(store.type(), info.name(), java.util.List.of(new ApiException.Cause("FieldValueInvalid",
                    "Invalid value: " + replicas + ": must be greater than or equal to 0", "spec.replicas")));
        }
        String precondition = Json.text(scale, "metadata", "resourceVersion");
        WriteOptions options = WriteOptions.of(context);
        ObjectNode updated = store.update(info.namespace(), info.name(), current -> {
            ObjectNode object = current.deepCopy();
            if (precondition != null && !precondition.isEmpty()) {
                Objects.metadata(object).put("resourceVersion", precondition);
            }
            Json.with(object, "spec").put("replicas", replicas == null ? 0 : replicas.asInt());
            // The scale subresource's writer owns spec.replicas, as upstream records it.
            return ManagedFields.recordUpdate(current, object, options.manager(), store.type().apiVersion(), "scale",
                    java.time.Instant.now(), routes.schema(store.type()), ManagedFields.defaultResetFields("scale"));
        }, Part.MAIN, options.dryRun());
        routes.responses.send(context, 200, toScale(updated));
    }

    static ObjectNode toScale(ObjectNode object) {
        ObjectNode scale = Json.object().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            JsonNode value = Json.at(object, "metadata", field);
            if (value != null) {
                metadata.set(field, value);
            }
        }
        scale.putObject("spec").put("replicas", Json.with(object, "spec").path("replicas").asInt(0));
        ObjectNode status = scale.putObject("status").put("replicas", Json.with(object, "status").path("replicas").asInt(0));
        String selector = selectorString(Json.at(object, "spec", "selector"));
        if (!selector.isEmpty()) {
            status.put("selector", selector);
        }
        return scale;
    }

    /** The selector in label-selector string form, as Scale.status.selector carries it. */
    private static String selectorString(JsonNode selector) {
        if (selector == null) {
            return "";
        }
        StringJoiner joined = new StringJoiner(",");
        JsonNode matchLabels = selector.has("matchLabels") || selector.has("matchExpressions") ? selector.path("matchLabels") : selector;
        for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            joined.add(entry.getKey() + "=" + entry.getValue().asText());
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            StringJoiner values = new StringJoiner(",", "(", ")");
            expression.path("values").forEach(value -> values.add(value.asText()));
            switch (expression.path("operator").asText()) {
                case "In" -> joined.add(key + " in " + values);
                case "NotIn" -> joined.add(key + " notin " + values);
                case "Exists" -> joined.add(key);
                case "DoesNotExist" -> joined.add("!" + key);
                default -> { }
            }
        }
        return joined.toString();
    }

    // ---- service accounts

    /** TokenRequest: a bound token for the service account, as {@code kubectl create token} asks. */
    private void token() {
        ObjectNode serviceAccount = store.get(info.namespace(), info.name());
        ObjectNode request = routes.body(context, subresourceApiVersion(), subresource.kind());
        long expiration = Json.with(request, "spec").path("expirationSeconds").asLong(3600);
        if (expiration < 600) {
            throw ApiException.invalid(store.type(), info.name(), java.util.List.of(new ApiException.Cause("FieldValueInvalid",
                    "Invalid value: " + expiration + ": may not specify a duration less than 10 minutes", "spec.expirationSeconds")));
        }
        java.util.List<String> audiences = new java.util.ArrayList<>();
        Json.with(request, "spec").path("audiences").forEach(audience -> audiences.add(audience.asText()));
        if (audiences.isEmpty()) {
            audiences.add(io.tinykube.server.auth.ServiceAccountTokens.ISSUER);
        }
        java.time.Instant now = java.time.Instant.now();
        String token = routes.serviceAccountTokens.issue(info.namespace(), info.name(), Json.text(serviceAccount, "metadata", "uid"),
                audiences, now, expiration);
        ObjectNode spec = Json.with(request, "spec");
        spec.put("expirationSeconds", expiration);
        ArrayNode audienceArray = spec.putArray("audiences");
        audiences.forEach(audienceArray::add);
        ObjectNode metadata = Objects.metadata(request);
        metadata.put("name", info.name()).put("namespace", info.namespace()).put("creationTimestamp", Objects.timestamp(now));
        request.putObject("status").put("token", token).put("expirationTimestamp", Objects.timestamp(now.plusSeconds(expiration)));
        routes.responses.send(context, 201, request);
    }

    // ---- pods

    private void evict() {
        ObjectNode eviction = Bodies.object(ResourceRoutes.bodyBytes(context),
                Bodies.mediaType(context.request().getHeader("Content-Type")), "Eviction");
        JsonNode options = eviction.get("deleteOptions");
        Long grace = options != null && options.hasNonNull("gracePeriodSeconds") ? options.get("gracePeriodSeconds").asLong() : null;
        GenericStore.DeleteOptions deleteOptions = new GenericStore.DeleteOptions(null, grace,
                options == null ? null : Json.text(options, "preconditions", "uid"),
                options == null ? null : Json.text(options, "preconditions", "resourceVersion"));
        PodEviction.admit(routes.registry, store.get(info.namespace(), info.name()), ResourceRoutes.dryRun(context));
        store.delete(info.namespace(), info.name(), deleteOptions, ResourceRoutes.dryRun(context),
                GracefulDeletion.forType(store.type(), deleteOptions));
        ObjectNode status = Status.success(null);
        status.put("code", 201);
        routes.responses.send(context, 201, status);
    }

    private void ephemeralContainers() {
        if (method == HttpMethod.GET) {
            routes.responses.sendObject(context, 200, store.type(), store.get(info.namespace(), info.name()));
            return;
        }
        if (method == HttpMethod.PATCH) {
            routes.patch(context, store, info.namespace(), info.name(), Part.EPHEMERAL_CONTAINERS);
        } else if (method == HttpMethod.PUT) {
            routes.update(context, store, info.namespace(), info.name(), Part.EPHEMERAL_CONTAINERS);
        } else {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    /** Pod logs, exec, attach and port-forward need the node agent, which is not built yet. */
    private void podStream() {
        ObjectNode pod = store.get(info.namespace(), info.name());
        String node = Json.text(pod, "spec", "nodeName");
        if (node == null) {
            throw ApiException.badRequest("pod " + info.name() + " does not have a host assigned");
        }
        throw new ApiException(503, "ServiceUnavailable", "the node agent of \"" + node + "\" is not connected: pod "
                + subresource.name() + " is not available", null);
    }

    // ---- namespaces

    private void finalizeNamespace() {
        ObjectNode desired = routes.body(context, store.type());
        JsonNode finalizers = Json.at(desired, "spec", "finalizers");
        ObjectNode updated = store.update(null, info.name(), namespace -> {
            ObjectNode spec = Json.with(namespace, "spec");
            if (finalizers == null || finalizers.isEmpty()) {
                spec.remove("finalizers");
            } else {
                spec.set("finalizers", finalizers);
            }
            return namespace;
        }, Part.ALL, ResourceRoutes.dryRun(context));
        routes.responses.sendObject(context, 200, store.type(), updated);
    }

}
