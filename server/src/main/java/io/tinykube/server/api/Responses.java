package io.tinykube.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.ResourceType;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes objects and lists in the form the client asked for. */
@ApplicationScoped
public class Responses {

    public void send(RoutingContext context, int code, ObjectNode body) {
        context.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(Json.write(body));
    }

    public void sendObject(RoutingContext context, int code, ResourceType type, ObjectNode object) {
        send(context, code, object);
    }

    public void sendList(RoutingContext context, ResourceType type, GenericStore.Page page) {
        ObjectNode list = Json.object().put("kind", type.listKind()).put("apiVersion", type.apiVersion());
        ObjectNode metadata = list.putObject("metadata").put("resourceVersion", Long.toString(page.revision()));
        if (page.continueToken() != null) {
            metadata.put("continue", page.continueToken());
        }
        ArrayNode items = list.putArray("items");
        page.items().forEach(items::add);
        send(context, 200, list);
    }
}
