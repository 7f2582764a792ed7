package io.tinykube.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Kubernetes {@code metav1.Status}, the only error body kubectl understands. */
public final class Status {
    private Status() {
    }

    public static ObjectNode failure(int code, String reason, String message) {
        ObjectNode status = Json.object().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        return status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    }

    public static ObjectNode success(ObjectNode details) {
        ObjectNode status = Json.object().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        if (details != null) {
            status.set("details", details);
        }
        return status;
    }

    public static void send(RoutingContext context, int code, String reason, String message) {
        send(context, new ApiException(code, reason, message, null));
    }

    public static void send(RoutingContext context, ApiException error) {
        if (context.response().headWritten()) {
            context.response().reset();
            return;
        }
        context.response()
                .setStatusCode(error.code())
                .putHeader("Content-Type", "application/json")
                .end(Json.write(error.toStatus()));
    }
}
