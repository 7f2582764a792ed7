package io.tinykube.server.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Kubernetes {@code metav1.Status} failures, the only error body kubectl understands. */
public final class Status {
    private Status() {
    }

    public static JsonObject failure(int code, String reason, String message) {
        return new JsonObject()
                .put("kind", "Status")
                .put("apiVersion", "v1")
                .put("metadata", new JsonObject())
                .put("status", "Failure")
                .put("message", message)
                .put("reason", reason)
                .put("code", code);
    }

    public static void send(RoutingContext context, int code, String reason, String message) {
        context.response()
                .setStatusCode(code)
                .putHeader("Content-Type", "application/json")
                .end(failure(code, reason, message).encode());
    }
}
