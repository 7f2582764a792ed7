package io.tinykube.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.ResourceType;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API discovery in both forms kubectl understands: aggregated ({@code apidiscovery.k8s.io/v2}, two
 * requests for everything) and legacy ({@code APIVersions}, {@code APIGroupList}, {@code APIResourceList}).
 * The documents are built once: the served resources do not change while the server runs.
 */
@ApplicationScoped
public class Discovery {
    static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private final Map<String, List<ResourceType>> groupVersions = BuiltinResources.byGroupVersion();
    /** group name → its versions, preferred first (insertion order of the resource table). */
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private Buffer aggregatedCore;
    private Buffer aggregatedGroups;

    void routes(@Observes Router router) {
        for (ResourceType type : BuiltinResources.all()) {
            List<String> versions = groups.computeIfAbsent(type.group(), g -> new ArrayList<>());
            if (!versions.contains(type.version())) {
                versions.add(type.version());
            }
        }
        aggregatedCore = Json.write(aggregated(true));
        aggregatedGroups = Json.write(aggregated(false));
        router.get("/api").handler(context -> discovery(context, aggregatedCore, this::apiVersions));
        router.get("/apis").handler(context -> discovery(context, aggregatedGroups, this::groupList));
        router.get("/api/v1").handler(context -> send(context, resourceList("v1")));
        router.getWithRegex("/apis/([^/]+)/([^/]+)").handler(context -> {
            String groupVersion = context.pathParam("param0") + "/" + context.pathParam("param1");
            if (!groupVersions.containsKey(groupVersion)) {
                Status.send(context, ApiException.notFoundPath());
                return;
            }
            send(context, resourceList(groupVersion));
        });
        router.getWithRegex("/apis/([^/]+)").handler(context -> {
            String group = context.pathParam("param0");
            if (!groups.containsKey(group) || group.isEmpty()) {
                Status.send(context, ApiException.notFoundPath());
                return;
            }
            send(context, apiGroup(group).put("kind", "APIGroup").put("apiVersion", "v1"));
        });
    }

    private void discovery(RoutingContext context, Buffer aggregated, java.util.function.Supplier<ObjectNode> legacy) {
        String accept = context.request().getHeader("Accept");
        if (accept != null && accept.contains("as=APIGroupDiscoveryList") && accept.contains("g=apidiscovery.k8s.io")
                && accept.contains("v=v2")) {
            context.response().putHeader("Content-Type", AGGREGATED).putHeader("Vary", "Accept").end(aggregated);
            return;
        }
        send(context, legacy.get());
    }

    private static void send(RoutingContext context, ObjectNode body) {
        context.response().putHeader("Content-Type", "application/json").end(Json.write(body));
    }

    private ObjectNode apiVersions() {
        ObjectNode versions = Json.object().put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", "");
        return versions;
    }

    private ObjectNode groupList() {
        ObjectNode list = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode items = list.putArray("groups");
        for (String group : groups.keySet()) {
            if (!group.isEmpty()) {
                items.add(apiGroup(group));
            }
        }
        return list;
    }

    private ObjectNode apiGroup(String group) {
        ObjectNode node = Json.object().put("name", group);
        ArrayNode versions = node.putArray("versions");
        for (String version : groups.get(group)) {
            versions.addObject().put("groupVersion", group + "/" + version).put("version", version);
        }
        String preferred = groups.get(group).get(0);
        node.putObject("preferredVersion").put("groupVersion", group + "/" + preferred).put("version", preferred);
        return node;
    }

    private ObjectNode resourceList(String groupVersion) {
        ObjectNode list = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", groupVersion);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : groupVersions.get(groupVersion)) {
            ObjectNode resource = resources.addObject()
                    .put("name", type.plural())
                    .put("singularName", type.singular())
                    .put("namespaced", type.namespaced())
                    .put("kind", type.kind());
            strings(resource.putArray("verbs"), type.verbs());
            if (!type.shortNames().isEmpty()) {
                strings(resource.putArray("shortNames"), type.shortNames());
            }
            if (!type.categories().isEmpty()) {
                strings(resource.putArray("categories"), type.categories());
            }
            for (ResourceType.Subresource sub : type.subresources()) {
                ObjectNode subresource = resources.addObject()
                        .put("name", type.plural() + "/" + sub.name())
                        .put("singularName", "")
                        .put("namespaced", type.namespaced())
                        .put("kind", sub.kind());
                if (!sub.group().equals(type.group()) || !sub.version().equals(type.version())) {
                    subresource.put("group", sub.group()).put("version", sub.version());
                }
                strings(subresource.putArray("verbs"), sub.verbs());
            }
        }
        return list;
    }

    private ObjectNode aggregated(boolean core) {
        ObjectNode list = Json.object().put("kind", "APIGroupDiscoveryList").put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            if (group.getKey().isEmpty() != core) {
                continue;
            }
            ObjectNode item = items.addObject();
            item.putObject("metadata").put("name", group.getKey());
            ArrayNode versions = item.putArray("versions");
            for (String version : group.getValue()) {
                ObjectNode versionNode = versions.addObject().put("version", version);
                ArrayNode resources = versionNode.putArray("resources");
                String groupVersion = group.getKey().isEmpty() ? version : group.getKey() + "/" + version;
                for (ResourceType type : groupVersions.get(groupVersion)) {
                    resources.add(aggregatedResource(type));
                }
                versionNode.put("freshness", "Current");
            }
        }
        return list;
    }

    private static ObjectNode aggregatedResource(ResourceType type) {
        ObjectNode resource = Json.object().put("resource", type.plural());
        resource.putObject("responseKind").put("group", type.group()).put("version", type.version()).put("kind", type.kind());
        resource.put("scope", type.namespaced() ? "Namespaced" : "Cluster").put("singularResource", type.singular());
        strings(resource.putArray("verbs"), type.verbs());
        if (!type.shortNames().isEmpty()) {
            strings(resource.putArray("shortNames"), type.shortNames());
        }
        if (!type.categories().isEmpty()) {
            strings(resource.putArray("categories"), type.categories());
        }
        if (!type.subresources().isEmpty()) {
            ArrayNode subresources = resource.putArray("subresources");
            for (ResourceType.Subresource sub : type.subresources()) {
                ObjectNode subresource = subresources.addObject().put("subresource", sub.name());
                subresource.putObject("responseKind").put("group", sub.group()).put("version", sub.version()).put("kind", sub.kind());
                strings(subresource.putArray("verbs"), sub.verbs());
            }
        }
        return resource;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
