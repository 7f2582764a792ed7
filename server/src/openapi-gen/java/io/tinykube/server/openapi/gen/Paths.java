package io.tinykube.server.openapi.gen;

import static io.tinykube.server.openapi.gen.SchemaSet.map;

import io.tinykube.server.registry.ResourceType;
import io.tinykube.server.registry.ResourceType.Subresource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code paths} of one group-version document, shaped like upstream's: the operations clients inspect, each
 * with {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind}. kubectl decides that the server
 * validates fields itself when the {@code patch} operation of a kind lists the {@code fieldValidation} query
 * parameter.
 */
final class Paths {
    private static final String JSON = "application/json";

    private final Models models;
    private final SchemaSet schemas;
    private final Map<String, Object> paths = new TreeMap<>();
    private final String group;
    private final String version;
    private final String prefix;
    private final String operationPrefix;
    private final String tag;

    Paths(Models models, SchemaSet schemas, String group, String version) {
        this.models = models;
        this.schemas = schemas;
        this.group = group;
        this.version = version;
        this.prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        StringBuilder op = new StringBuilder();
        StringBuilder tagName = new StringBuilder();
        for (String part : (group.isEmpty() ? "core" : group.replace(".k8s.io", "")).split("\\.")) {
            op.append(capitalize(part));
            tagName.append(tagName.length() == 0 ? part : capitalize(part));
        }
        this.operationPrefix = op + capitalize(version);
        this.tag = tagName + "_" + version;
    }

    Map<String, Object> paths() {
        return paths;
    }

    void discovery() {
        String ref = schemas.ref(models.model("V1APIResourceList"), "meta");
        path(prefix + "/").put("get", map(
                "description", "get available resources",
                "operationId", "get" + operationPrefix + "APIResources",
                "responses", responses(ref, "200", "OK"),
                "tags", List.of(tag)));
    }

    void resource(ResourceType type) {
        Class<?> kindClass = models.kind(type.group(), type.version(), type.kind());
        String pkg = Models.packageOf(type.group());
        String kindRef = schemas.ref(kindClass, pkg);
        Map<String, Object> gvk = gvk(type.group(), type.version(), type.kind());
        String ns = type.namespaced() ? "Namespaced" : "";
        String collection = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
        String kind = type.kind();

        if (type.virtual()) {
            // Reviews: only POST, answered without storing.
            Map<String, Object> p = path(collection);
            p.put("parameters", collectionParameters(type));
            p.put("post", operation("post", "create a " + kind, "create" + ns + kind, writeParameters(false),
                    body(kindRef), responses(kindRef, "200", "OK", "201", "Created", "202", "Accepted"), gvk));
            return;
        }

        String listRef = schemas.ref(models.kind(type.group(), type.version(), type.listKind()), pkg);
        Map<String, Object> c = path(collection);
        c.put("parameters", collectionParameters(type));
        c.put("get", operation("list", "list or watch objects of kind " + kind, "list" + ns + kind,
                listParameters(), null, responses(listRef, "200", "OK"), gvk));
        if (type.hasVerb("create")) {
            c.put("post", operation("post", "create a " + kind, "create" + ns + kind, writeParameters(false),
                    body(kindRef), responses(kindRef, "200", "OK", "201", "Created", "202", "Accepted"), gvk));
        }
        if (type.hasVerb("deletecollection")) {
            c.put("delete", operation("deletecollection", "delete collection of " + kind, "deletecollection" + ns + kind,
                    deleteCollectionParameters(), body(schemas.ref(models.model("V1DeleteOptions"), "meta")),
                    responses(status(), "200", "OK"), gvk));
        }
        if (type.namespaced()) {
            Map<String, Object> all = path(prefix + "/" + type.plural());
            all.put("parameters", List.of(pretty()));
            all.put("get", operation("list", "list or watch objects of kind " + kind, "list" + kind + "ForAllNamespaces",
                    listParameters(), null, responses(listRef, "200", "OK"), gvk));
        }

        String item = collection + "/{name}";
        Map<String, Object> i = path(item);
        i.put("parameters", itemParameters(type, kind));
        i.put("get", operation("get", "read the specified " + kind, "read" + ns + kind, List.of(), null,
                responses(kindRef, "200", "OK"), gvk));
        i.put("put", operation("put", "replace the specified " + kind, "replace" + ns + kind, writeParameters(false),
                body(kindRef), responses(kindRef, "200", "OK", "201", "Created"), gvk));
        i.put("patch", operation("patch", "partially update the specified " + kind, "patch" + ns + kind,
                writeParameters(true), patchBody(), responses(kindRef, "200", "OK", "201", "Created"), gvk));
        i.put("delete", operation("delete", "delete a " + kind, "delete" + ns + kind, deleteParameters(),
                body(schemas.ref(models.model("V1DeleteOptions"), "meta")),
                responses(status(), "200", "OK", "202", "Accepted"), gvk));

        for (Subresource sub : type.subresources()) {
            subresource(type, sub, item, ns);
        }
    }

    private void subresource(ResourceType type, Subresource sub, String item, String ns) {
        String kind = type.kind();
        String suffix = capitalize(sub.name());
        String opBase = ns + kind + suffix;
        Map<String, Object> gvk = gvk(sub.group(), sub.version(), sub.kind());
        Class<?> subClass = models.kind(sub.group(), sub.version(), sub.kind());
        String subRef = subClass == null ? null : schemas.ref(subClass, Models.packageOf(sub.group()));
        Map<String, Object> p = path(item + "/" + sub.name());
        String name = "name of the " + (subClass == null ? kind : sub.kind());
        List<Object> parameters = new ArrayList<>();
        parameters.add(pathParameter("name", name));
        if (type.namespaced()) {
            parameters.add(pathParameter("namespace", "object name and auth scope, such as for teams and projects"));
        }

        switch (sub.name()) {
            case "log" -> {
                p.put("parameters", parameters);
                p.put("get", operation("get", "read log of the specified Pod", "read" + opBase, logParameters(), null,
                        map("200", map("content", map("text/plain", map("schema", map("type", "string")),
                                JSON, map("schema", map("type", "string"))), "description", "OK"),
                                "401", map("description", "Unauthorized")), gvk));
                return;
            }
            case "exec", "attach", "portforward" -> {
                p.put("parameters", parameters);
                List<Object> q = connectParameters(sub.name());
                Map<String, Object> responses = map("200", map("content", map("*/*", map("schema", map("type", "string"))),
                        "description", "OK"), "401", map("description", "Unauthorized"));
                for (String verb : List.of("get", "post")) {
                    String action = verb.equals("get") ? "GET" : "POST";
                    p.put(verb, operation("connect", "connect " + action + " requests to " + sub.name() + " of " + kind,
                            "connect" + capitalize(verb) + opBase, q, null, responses, gvk));
                }
                return;
            }
            default -> {
                // the rest below
            }
        }
        parameters.add(pretty());
        p.put("parameters", parameters);
        String what = sub.name().equals("status") ? "status of " : sub.name().equals("scale") ? "scale of " : sub.name() + " of ";
        for (String verb : sub.verbs()) {
            switch (verb) {
                case "get" -> p.put("get", operation("get", "read " + what + "the specified " + kind, "read" + opBase,
                        List.of(), null, responses(subRef, "200", "OK"), gvk));
                case "update" -> p.put("put", operation("put", "replace " + what + "the specified " + kind, "replace" + opBase,
                        writeParameters(false), body(subRef), responses(subRef, "200", "OK", "201", "Created"), gvk));
                case "patch" -> p.put("patch", operation("patch", "partially update " + what + "the specified " + kind,
                        "patch" + opBase, writeParameters(true), patchBody(),
                        responses(subRef, "200", "OK", "201", "Created"), gvk));
                case "create" -> p.put("post", operation("post", "create " + sub.name() + " of a " + kind, "create" + opBase,
                        writeParameters(false), body(subRef), responses(subRef, "200", "OK", "201", "Created", "202", "Accepted"), gvk));
                default -> throw new IllegalStateException("verb " + verb + " of " + type.plural() + "/" + sub.name());
            }
        }
    }

    private Map<String, Object> path(String path) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) paths.computeIfAbsent(path, k -> new TreeMap<>());
        return p;
    }

    private Map<String, Object> operation(String action, String description, String id, List<Object> parameters,
                                          Map<String, Object> requestBody, Map<String, Object> responses, Map<String, Object> gvk) {
        Map<String, Object> op = map(
                "description", description,
                "operationId", prefixed(id),
                "responses", responses,
                "tags", List.of(tag),
                "x-kubernetes-action", action,
                "x-kubernetes-group-version-kind", gvk);
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (requestBody != null) {
            op.put("requestBody", requestBody);
        }
        return op;
    }

    /** listCoreV1NamespacedPod: the verb, then the group-version, then the rest. */
    private String prefixed(String id) {
        int split = 0;
        while (split < id.length() && Character.isLowerCase(id.charAt(split))) {
            split++;
        }
        return id.substring(0, split) + operationPrefix + id.substring(split);
    }

    private static Map<String, Object> gvk(String group, String version, String kind) {
        return map("group", group, "kind", kind, "version", version);
    }

    private String status() {
        return schemas.ref(models.model("V1Status"), "meta");
    }

    private static Map<String, Object> body(String ref) {
        return map("content", map("*/*", map("schema", map("$ref", ref))), "required", true);
    }

    private String patchRef() {
        return schemas.special(SchemaSet.PATCH);
    }

    private Map<String, Object> patchBody() {
        String ref = patchRef();
        Map<String, Object> content = new TreeMap<>();
        for (String type : List.of("application/apply-patch+yaml", "application/json-patch+json",
                "application/merge-patch+json", "application/strategic-merge-patch+json")) {
            content.put(type, map("schema", map("$ref", ref)));
        }
        return map("content", content, "required", true);
    }

    /** Responses with codes and descriptions in pairs, all with the same schema, plus 401. */
    private static Map<String, Object> responses(String ref, String... codesAndDescriptions) {
        Map<String, Object> responses = new TreeMap<>();
        for (int i = 0; i < codesAndDescriptions.length; i += 2) {
            responses.put(codesAndDescriptions[i], map(
                    "content", map(JSON, map("schema", map("$ref", ref))),
                    "description", codesAndDescriptions[i + 1]));
        }
        responses.put("401", map("description", "Unauthorized"));
        return responses;
    }

    // ---- parameters ----

    private static Map<String, Object> query(String name, String type, String description) {
        return map("description", description, "in", "query", "name", name,
                "schema", map("type", type, "uniqueItems", true));
    }

    private static Map<String, Object> pathParameter(String name, String description) {
        return map("description", description, "in", "path", "name", name, "required", true,
                "schema", map("type", "string", "uniqueItems", true));
    }

    private static Map<String, Object> pretty() {
        return query("pretty", "string", "If 'true', the output is indented.");
    }

    private static List<Object> collectionParameters(ResourceType type) {
        List<Object> parameters = new ArrayList<>();
        if (type.namespaced()) {
            parameters.add(pathParameter("namespace", "object name and auth scope, such as for teams and projects"));
        }
        parameters.add(pretty());
        return parameters;
    }

    private static List<Object> itemParameters(ResourceType type, String kind) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(pathParameter("name", "name of the " + kind));
        if (type.namespaced()) {
            parameters.add(pathParameter("namespace", "object name and auth scope, such as for teams and projects"));
        }
        parameters.add(pretty());
        return parameters;
    }

    private static Map<String, Object> dryRun() {
        return query("dryRun", "string", "When present (the only value is All), the request is processed fully but nothing is persisted.");
    }

    private static List<Object> writeParameters(boolean patch) {
        List<Object> parameters = new ArrayList<>(List.of(
                dryRun(),
                query("fieldManager", "string", "The name of the actor making the change, recorded in metadata.managedFields;"
                        + " at most 128 printable characters." + (patch ? " Required for apply patches." : "")),
                query("fieldValidation", "string", "How to treat unknown or duplicate fields in the body: Ignore drops them,"
                        + " Warn (the default) drops them and answers with a Warning header for each, Strict refuses the"
                        + " request with 400 BadRequest.")));
        if (patch) {
            parameters.add(query("force", "boolean", "For apply patches only: take ownership of fields that other managers own"
                    + " instead of failing with a conflict."));
        }
        return parameters;
    }

    private static List<Object> deleteParameters() {
        return new ArrayList<>(List.of(
                dryRun(),
                query("gracePeriodSeconds", "integer", "Seconds before the object is deleted; 0 means at once. Without it,"
                        + " the default of the kind applies."),
                query("orphanDependents", "boolean", "Deprecated: use propagationPolicy. Whether dependents are orphaned."),
                query("propagationPolicy", "string", "How dependents are garbage collected: Orphan, Background or Foreground.")));
    }

    private static List<Map<String, Object>> selectorParameters() {
        return List.of(
                query("continue", "string", "The continue token of a previous, paged list call."),
                query("fieldSelector", "string", "Restricts the objects by their fields, e.g. metadata.name=x."
                        + " Defaults to everything."),
                query("labelSelector", "string", "Restricts the objects by their labels, e.g. app=web,tier!=db."
                        + " Defaults to everything."),
                query("limit", "integer", "The most objects to answer with; more are announced by a continue token."),
                query("resourceVersion", "string", "Which version of the collection to answer with; see resourceVersionMatch."),
                query("resourceVersionMatch", "string", "How resourceVersion applies to a list: Exact or NotOlderThan."),
                query("sendInitialEvents", "boolean", "With watch=true: start the watch with synthetic ADDED events for"
                        + " the current objects, then a bookmark."),
                query("timeoutSeconds", "integer", "How long a list or watch call may take."));
    }

    private static List<Object> listParameters() {
        List<Object> parameters = new ArrayList<>();
        parameters.add(query("allowWatchBookmarks", "boolean", "With watch=true: the client accepts BOOKMARK events."));
        parameters.addAll(selectorParameters());
        parameters.add(query("watch", "boolean", "Watch for changes to the described objects and answer with a stream"
                + " of add, update and remove notifications."));
        parameters.sort((a, b) -> name(a).compareTo(name(b)));
        return parameters;
    }

    private static List<Object> deleteCollectionParameters() {
        List<Object> parameters = new ArrayList<>(deleteParameters());
        parameters.addAll(selectorParameters());
        parameters.sort((a, b) -> name(a).compareTo(name(b)));
        return parameters;
    }

    private static List<Object> logParameters() {
        return new ArrayList<>(List.of(
                query("container", "string", "The container whose log to read; may be omitted when the pod has one container."),
                query("follow", "boolean", "Stream the log as it grows."),
                query("insecureSkipTLSVerifyBackend", "boolean", "Do not verify the serving certificate of the kubelet."),
                query("limitBytes", "integer", "The most bytes of log to answer with."),
                query("previous", "boolean", "Read the log of the previous, terminated instance of the container."),
                query("sinceSeconds", "integer", "Only the log of the last this many seconds."),
                query("stream", "string", "Which stream to read: All, Stdout or Stderr."),
                query("tailLines", "integer", "Only this many lines from the end of the log."),
                query("timestamps", "boolean", "Prefix every line with an RFC 3339 timestamp.")));
    }

    private static List<Object> connectParameters(String subresource) {
        if (subresource.equals("portforward")) {
            return new ArrayList<>(List.of(query("ports", "integer", "The ports of the pod to forward to.")));
        }
        List<Object> parameters = new ArrayList<>();
        if (subresource.equals("exec")) {
            parameters.add(query("command", "string", "The command to run; repeat the parameter for each argument."));
        }
        parameters.addAll(Arrays.asList(
                query("container", "string", "The container to connect to; may be omitted when the pod has one container."),
                query("stderr", "boolean", "Redirect the standard error stream."),
                query("stdin", "boolean", "Redirect the standard input stream."),
                query("stdout", "boolean", "Redirect the standard output stream."),
                query("tty", "boolean", "Allocate a terminal.")));
        return parameters;
    }

    private static String name(Object parameter) {
        return (String) ((Map<?, ?>) parameter).get("name");
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
