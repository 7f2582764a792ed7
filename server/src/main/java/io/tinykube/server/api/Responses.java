package io.tinykube.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.GenericStore;
import io.tinykube.server.registry.ResourceType;
import io.tinykube.server.table.IncludeObject;
import io.tinykube.server.table.TableConvertor;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Writes objects and lists in the form the client asked for: JSON, or a Table for kubectl get. */
@ApplicationScoped
public class Responses {
    private final TableConvertor tables = new TableConvertor();

    public void send(RoutingContext context, int code, ObjectNode body) {
        context.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(Json.write(body));
    }

    /** Adds an HTTP warning as upstream sends them: {@code 299 - "text"}. */
    public void warn(RoutingContext context, String text) {
        context.response().headers().add("Warning", "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }

    public void sendObject(RoutingContext context, int code, ResourceType type, ObjectNode object) {
        if (wantsTable(context)) {
            send(context, code, tables.toTable(type, object, includeObject(context), true, Instant.now()));
            return;
        }
        send(context, code, object);
    }

    /** Streams a list, as a {@code …List} or a Table, while {@code lister} reads it from the store. */
    public void streamList(RoutingContext context, ResourceType type,
                           java.util.function.Function<GenericStore.ListSink, GenericStore.ListEnd> lister) {
        boolean table = wantsTable(context);
        ListWriter writer = new ListWriter(context.response(), type, table ? tables : null, table ? includeObject(context) : null);
        writer.finish(lister.apply(writer));
    }

    /** A watch event's object in the requested form; the column definitions go only with the first. */
    ObjectNode watchObject(RoutingContext context, ResourceType type, ObjectNode object, boolean first) {
        return wantsTable(context) ? tables.toTable(type, object, includeObject(context), first, Instant.now()) : object;
    }

    /** kubectl get asks for {@code application/json;as=Table;v=v1;g=meta.k8s.io} (or v1beta1) before plain JSON. */
    static boolean wantsTable(RoutingContext context) {
        String accept = context.request().getHeader("Accept");
        return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
    }

    private static IncludeObject includeObject(RoutingContext context) {
        try {
            return IncludeObject.fromQuery(context.request().getParam("includeObject"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
