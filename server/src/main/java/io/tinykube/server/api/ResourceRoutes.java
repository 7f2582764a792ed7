package io.tinykube.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.protobuf.ProtobufBodies;
import io.tinykube.server.api.protobuf.ProtobufBodyException;
import io.tinykube.server.apply.ApplyException;
import io.tinykube.server.apply.ManagedFields;
import io.tinykube.server.apply.ServerSideApply;
import io.tinykube.server.json.Json;
import io.tinykube.server.patch.PatchException;
import io.tinykube.server.patch.Patches;
import io.tinykube.server.schema.FieldSchema;
import io.tinykube.server.schema.SchemaRegistry;
import java.time.Instant;
import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.FieldSelector;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.GenericStore.DeleteOptions;
import io.tinykube.server.registry.GenericStore.Part;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceRegistry;
import io.tinykube.server.registry.ResourceType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one handler for every resource path under {@code /api/v1} and {@code /apis/G/V}: parses the
 * path, picks the verb, and runs it against the resource's {@link GenericStore}. Nothing here is
 * specific to a resource type except the few subresources that are not plain reads and writes.
 */
@ApplicationScoped
public class ResourceRoutes {
    /** Kubernetes refuses request bodies over 3 MiB. */
    static final long MAX_BODY_BYTES = 3L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(ResourceRoutes.class);

    private final Map<String, ResourceType> types = new HashMap<>();

    @Inject
    ResourceRegistry registry;

    @Inject
    WatchStreams watches;

    @Inject
    Responses responses;

    @Inject
    VirtualResources virtualResources;

    @Inject
    io.tinykube.server.auth.ServiceAccountTokens serviceAccountTokens;

    @Inject
    SchemaRegistry schemas;

    @Inject
    io.tinykube.server.metrics.Metrics metrics;

    void routes(@Observes Router router) {
        for (ResourceType type : BuiltinResources.all()) {
            types.put(type.group() + "/" + type.version() + "/" + type.plural(), type);
        }
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.routeWithRegex("/api/v1/(.+)").handler(bodies)
                .blockingHandler(context -> handle(context, "", "v1", context.pathParam("param0")), false)
                .failureHandler(this::failure);
        router.routeWithRegex("/apis/([^/]+)/([^/]+)/(.+)").handler(bodies)
                .blockingHandler(context -> handle(context, context.pathParam("param0"), context.pathParam("param1"),
                        context.pathParam("param2")), false)
                .failureHandler(this::failure);
    }

    private void failure(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof ApiException api) {
            Status.send(context, api);
        } else if (context.statusCode() == 413) {
            Status.send(context, ApiException.tooLarge());
        } else {
            LOG.errorf(failure, "request %s %s failed", context.request().method(), context.request().path());
            Status.send(context, ApiException.internal(failure == null ? "status " + context.statusCode() : failure.toString()));
        }
    }

    private void handle(RoutingContext context, String group, String version, String rest) {
        long start = System.nanoTime();
        RequestInfo info = RequestInfo.parse(group, version, rest);
        String verb = verb(context, info);
        try {
            ResourceType type = info == null ? null : types.get(group + "/" + version + "/" + info.resource());
            if (type == null || (info.namespace() != null && !type.namespaced())) {
                throw ApiException.notFoundPath();
            }
            dispatch(context, info, type);
        } catch (ApiException e) {
            Status.send(context, e);
        } finally {
            if (!"WATCH".equals(verb)) {
                metrics.request(verb, group, info == null ? "" : info.resource() + (info.subresource() == null ? "" : "/" + info.subresource()),
                        context.response().getStatusCode(), System.nanoTime() - start);
            }
        }
    }

    /** Upstream's verb label: GET, LIST, WATCH, POST, PUT, PATCH, DELETE, DELETECOLLECTION. */
    private static String verb(RoutingContext context, RequestInfo info) {
        HttpMethod method = context.request().method();
        boolean collection = info == null || info.name() == null;
        if (method == HttpMethod.GET) {
            if ((info != null && info.legacyWatch()) || isTrue(context.request().getParam("watch"))) {
                return "WATCH";
            }
            return collection ? "LIST" : "GET";
        }
        if (method == HttpMethod.DELETE && collection) {
            return "DELETECOLLECTION";
        }
        return method.name();
    }

    private void dispatch(RoutingContext context, RequestInfo info, ResourceType type) {
        HttpMethod method = context.request().method();
        if (type.virtual()) {
            if (method != HttpMethod.POST || info.name() != null) {
                throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
            }
            responses.send(context, 201, virtualResources.create(context, type, info.namespace(), body(context, type)));
            return;
        }
        GenericStore store = registry.store(type.group(), type.version(), type.plural()).orElseThrow(ApiException::notFoundPath);
        if (type.namespaced() && info.namespace() == null && !(method == HttpMethod.GET && info.name() == null)) {
            throw ApiException.notFoundPath();
        }
        if (info.subresource() != null) {
            ResourceType.Subresource subresource = type.subresource(info.subresource());
            if (subresource == null || info.name() == null) {
                throw ApiException.notFoundPath();
            }
            new SubresourceRequest(context, store, info, subresource, this).run();
            return;
        }
        boolean watch = info.legacyWatch() || isTrue(context.request().getParam("watch"));
        if (method == HttpMethod.GET && watch) {
            watches.start(context, store, info.namespace(), info.name());
        } else if (method == HttpMethod.GET && info.name() == null) {
            list(context, store, info.namespace());
        } else if (method == HttpMethod.GET) {
            responses.sendObject(context, 200, store.type(), store.get(info.namespace(), info.name()));
        } else if (method == HttpMethod.POST && info.name() == null) {
            create(context, store, info.namespace());
        } else if (method == HttpMethod.PUT && info.name() != null) {
            update(context, store, info.namespace(), info.name(), Part.MAIN);
        } else if (method == HttpMethod.PATCH && info.name() != null) {
            patch(context, store, info.namespace(), info.name(), Part.MAIN);
        } else if (method == HttpMethod.DELETE && info.name() != null) {
            delete(context, store, info.namespace(), info.name());
        } else if (method == HttpMethod.DELETE) {
            deleteCollection(context, store, info.namespace());
        } else {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    // ---- verbs

    private void list(RoutingContext context, GenericStore store, String namespace) {
        HttpServerRequest request = context.request();
        LabelSelector labels = LabelSelector.parse(request.getParam("labelSelector"));
        FieldSelector fields = FieldSelector.parse(request.getParam("fieldSelector"), store.fieldLabels());
        int limit = parseInt(request.getParam("limit"), "limit");
        long exact = 0;
        String resourceVersion = request.getParam("resourceVersion");
        if ("Exact".equals(request.getParam("resourceVersionMatch")) && resourceVersion != null) {
            exact = parseRevision(resourceVersion);
        }
        long revision = exact;
        responses.streamList(context, store.type(), sink -> store.stream(namespace, labels, fields, limit, request.getParam("continue"),
                revision, sink));
    }

    private void create(RoutingContext context, GenericStore store, String namespace) {
        WriteOptions options = WriteOptions.of(context);
        ObjectNode object = validated(context, store.type(), body(context, store.type()), options);
        if (store.type().namespaced()) {
            String bodyNamespace = Objects.namespace(object);
            if (bodyNamespace != null && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
                throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            requireActiveNamespace(store.type(), namespace, Objects.name(object));
        }
        ObjectNode tracked = ManagedFields.recordUpdate(null, object, options.manager(), store.type().apiVersion(), null, Instant.now(),
                schema(store.type()), ManagedFields.defaultResetFields(null));
        ObjectNode created = store.create(namespace, tracked, options.dryRun());
        responses.sendObject(context, 201, store.type(), created);
    }

    FieldSchema schema(ResourceType type) {
        return schemas.forKind(type.group(), type.version(), type.kind());
    }

    /** Drops fields the schema does not know, as fieldValidation says (Strict fails, Warn adds Warning headers). */
    ObjectNode validated(RoutingContext context, ResourceType type, ObjectNode object, WriteOptions options) {
        for (String warning : FieldValidation.apply(object, schema(type), options.fieldValidation(), type)) {
            responses.warn(context, warning);
        }
        return object;
    }

    void update(RoutingContext context, GenericStore store, String namespace, String name, Part part) {
        WriteOptions options = WriteOptions.of(context);
        ObjectNode object = validated(context, store.type(), body(context, store.type()), options);
        boolean existed = store.find(namespace, name).isPresent();
        if (!existed && store.type().namespaced()) {
            requireActiveNamespace(store.type(), namespace, name);
        }
        String subresource = part == Part.STATUS ? "status" : null;
        ObjectNode updated = store.update(namespace, name, current -> ManagedFields.recordUpdate(current, object.deepCopy(),
                options.manager(), store.type().apiVersion(), subresource, Instant.now(), schema(store.type()),
                ManagedFields.defaultResetFields(subresource)), part, options.dryRun());
        responses.sendObject(context, existed ? 200 : 201, store.type(), updated);
    }

    /**
     * PATCH in the four types: JSON patch, merge patch and strategic merge patch apply to the stored
     * object; apply-patch is server-side apply, which creates the object when it is missing.
     */
    void patch(RoutingContext context, GenericStore store, String namespace, String name, Part part) {
        WriteOptions options = WriteOptions.of(context);
        String contentType = Bodies.mediaType(context.request().getHeader("Content-Type"));
        byte[] body = bodyBytes(context);
        ResourceType type = store.type();
        FieldSchema schema = schema(type);
        String subresource = part == Part.STATUS ? "status" : null;
        if (contentType.equals(Patches.APPLY_PATCH_YAML)) {
            serverSideApply(context, store, namespace, name, part, options, body, schema, subresource);
            return;
        }
        ObjectNode patched = store.update(namespace, name, current -> {
            ObjectNode base = current.deepCopy();
            Objects.metadata(base).remove("resourceVersion"); // only a resourceVersion the patch names is a precondition
            ObjectNode result;
            try {
                result = Patches.apply(contentType, base, body, schema);
            } catch (PatchException e) {
                throw new ApiException(e.code(), e.reason(), e.getMessage(), null);
            } catch (UnsupportedOperationException e) {
                throw ApiException.unsupportedMediaType(contentType);
            }
            checkKind(result, type.apiVersion(), type.kind());
            validated(context, type, result, options);
            return ManagedFields.recordUpdate(current, result, options.manager(), type.apiVersion(), subresource, Instant.now(), schema,
                    ManagedFields.defaultResetFields(subresource));
        }, part, options.dryRun());
        responses.sendObject(context, 200, type, patched);
    }

    private void serverSideApply(RoutingContext context, GenericStore store, String namespace, String name, Part part,
                                 WriteOptions options, byte[] body, FieldSchema schema, String subresource) {
        ResourceType type = store.type();
        if (options.explicitManager() == null) {
            throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                    + "is required for apply patch", null);
        }
        JsonNode applied = Bodies.tree(body, "application/yaml");
        try {
            ServerSideApply.validateAppliedObject(applied, type.apiVersion(), type.kind(), name, type.namespaced() ? namespace : null);
            if (applied instanceof ObjectNode object) {
                validated(context, type, object, options);
            }
            boolean force = isTrue(context.request().getParam("force"));
            String precondition = Json.text(applied, "metadata", "resourceVersion");
            if (store.find(namespace, name).isEmpty() && part == Part.MAIN) {
                if (type.namespaced()) {
                    requireActiveNamespace(type, namespace, name);
                }
                ObjectNode created = ServerSideApply.apply(null, applied, options.manager(), force, schema, type.apiVersion(), Instant.now());
                responses.sendObject(context, 201, type, store.create(namespace, created, options.dryRun()));
                return;
            }
            ObjectNode result = store.update(namespace, name, current -> {
                ObjectNode merged = ServerSideApply.apply(current, applied, options.manager(), subresource, force, schema, type.apiVersion(),
                        ManagedFields.defaultResetFields(subresource), Instant.now());
                if (precondition == null) {
                    Objects.metadata(merged).remove("resourceVersion");
                } else {
                    Objects.metadata(merged).put("resourceVersion", precondition);
                }
                return merged;
            }, part, options.dryRun());
            responses.sendObject(context, 200, type, result);
        } catch (ApplyException e) {
            throw ApiException.fromStatus(e.toStatus());
        }
    }

    private void delete(RoutingContext context, GenericStore store, String namespace, String name) {
        DeleteOptions options = deleteOptions(context);
        GenericStore.Deletion deletion = store.delete(namespace, name, options, dryRun(context),
                GracefulDeletion.forType(store.type(), options));
        responses.sendObject(context, deletion.deleted() ? 200 : 202, store.type(), deletion.object());
    }

    private void deleteCollection(RoutingContext context, GenericStore store, String namespace) {
        HttpServerRequest request = context.request();
        LabelSelector labels = LabelSelector.parse(request.getParam("labelSelector"));
        FieldSelector fields = FieldSelector.parse(request.getParam("fieldSelector"), store.fieldLabels());
        DeleteOptions options = deleteOptions(context);
        GenericStore.Page page = store.list(namespace, labels, fields, 0, null, 0);
        List<ObjectNode> deleted = new java.util.ArrayList<>();
        for (ObjectNode object : page.items()) {
            try {
                deleted.add(store.delete(Objects.namespace(object), Objects.name(object), options, dryRun(context),
                        GracefulDeletion.forType(store.type(), options)).object());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        responses.streamList(context, store.type(), sink -> {
            deleted.forEach(sink::item);
            return new GenericStore.ListEnd(page.revision(), null);
        });
    }

    // ---- shared steps

    /** Decodes the body as an object of the endpoint's kind, filling apiVersion and kind when absent. */
    ObjectNode body(RoutingContext context, ResourceType type) {
        return body(context, type.apiVersion(), type.kind());
    }

    /** Decodes the body as an object of {@code apiVersion}/{@code kind} (a subresource's, e.g. autoscaling/v1 Scale). */
    ObjectNode body(RoutingContext context, String apiVersion, String kind) {
        String mediaType = Bodies.mediaType(context.request().getHeader("Content-Type"));
        byte[] bytes = bodyBytes(context);
        ObjectNode object;
        if (mediaType.isEmpty() || mediaType.equals("application/json") || mediaType.equals("*/*") || Bodies.isYaml(mediaType)) {
            object = Bodies.object(bytes, mediaType, kind);
        } else if (ProtobufBodies.isProtobuf(mediaType)) {
            try {
                object = ProtobufBodies.decode(bytes);
            } catch (ProtobufBodyException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        } else {
            throw ApiException.unsupportedMediaType(mediaType);
        }
        checkKind(object, apiVersion, kind);
        return object;
    }

    static byte[] bodyBytes(RoutingContext context) {
        return context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
    }

    static void checkKind(ObjectNode object, String apiVersion, String kind) {
        String bodyApiVersion = object.path("apiVersion").asText("");
        String bodyKind = object.path("kind").asText("");
        if (!bodyApiVersion.isEmpty() && !bodyApiVersion.equals(apiVersion)) {
            throw ApiException.badRequest("the API version in the data (" + bodyApiVersion + ") does not match the expected API version ("
                    + apiVersion + ")");
        }
        if (!bodyKind.isEmpty() && !bodyKind.equals(kind)) {
            throw ApiException.badRequest("the kind in the data (" + bodyKind + ") does not match the expected kind (" + kind + ")");
        }
        ObjectNode ordered = Json.object().put("apiVersion", apiVersion).put("kind", kind);
        object.remove("apiVersion");
        object.remove("kind");
        ordered.setAll(object);
        object.removeAll();
        object.setAll(ordered);
    }

    private void requireActiveNamespace(ResourceType type, String namespace, String name) {
        ObjectNode ns = registry.namespaces().find(null, namespace)
                .orElseThrow(() -> ApiException.notFound(registry.namespaces().type(), namespace));
        if (Objects.isDeleting(ns) || "Terminating".equals(Json.text(ns, "status", "phase"))) {
            throw ApiException.forbidden(type, name, "unable to create new content in namespace " + namespace
                    + " because it is being terminated");
        }
    }

    static boolean dryRun(RoutingContext context) {
        List<String> values = context.request().params().getAll("dryRun");
        for (String value : values) {
            if (!value.equals("All")) {
                throw ApiException.badRequest("Invalid dry run value: " + value);
            }
        }
        return !values.isEmpty();
    }

    private DeleteOptions deleteOptions(RoutingContext context) {
        HttpServerRequest request = context.request();
        String policy = request.getParam("propagationPolicy");
        Long grace = request.getParam("gracePeriodSeconds") == null ? null : (long) parseInt(request.getParam("gracePeriodSeconds"), "gracePeriodSeconds");
        String uid = null;
        String resourceVersion = null;
        if (context.body().buffer() != null && context.body().buffer().length() > 0) {
            JsonNode options = Bodies.tree(context.body().buffer().getBytes(), Bodies.mediaType(request.getHeader("Content-Type")));
            if (options.hasNonNull("propagationPolicy")) {
                policy = options.get("propagationPolicy").asText();
            }
            if (options.hasNonNull("gracePeriodSeconds")) {
                grace = options.get("gracePeriodSeconds").asLong();
            }
            if (options.path("orphanDependents").isBoolean() && policy == null) {
                policy = options.get("orphanDependents").asBoolean() ? "Orphan" : "Background";
            }
            uid = Json.text(options, "preconditions", "uid");
            resourceVersion = Json.text(options, "preconditions", "resourceVersion");
        }
        if (policy != null && !List.of("Orphan", "Background", "Foreground").contains(policy)) {
            throw ApiException.badRequest("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"" + policy
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
        }
        return new DeleteOptions(policy, grace, uid, resourceVersion);
    }

    static int parseInt(String value, String name) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid value for " + name + ": " + value);
        }
    }

    static long parseRevision(String value) {
        try {
            long revision = Long.parseLong(value);
            if (revision < 0) {
                throw new NumberFormatException();
            }
            return revision;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resource version: " + value);
        }
    }

    static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

}
