package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A failed apply or managed-fields operation, carrying what the REST layer needs for the
 * {@code metav1.Status} it answers with: HTTP code, reason and message.
 */
public class ApplyException extends RuntimeException {
    private final int code;
    private final String reason;

    public ApplyException(int code, String reason, String message) {
        super(message);
        this.code = code;
        this.reason = reason;
    }

    /** 400 BadRequest: the applied configuration itself is unusable. */
    public static ApplyException badRequest(String message) {
        return new ApplyException(400, "BadRequest", message);
    }

    /** 422 Invalid: a request option is invalid (e.g. no field manager). */
    public static ApplyException invalid(String message) {
        return new ApplyException(422, "Invalid", message);
    }

    /** 500 InternalError: stored state is unusable (e.g. malformed managedFields in the live object). */
    public static ApplyException internal(String message) {
        return new ApplyException(500, "InternalError", message);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The {@code metav1.Status} body for this failure. */
    public ObjectNode toStatus() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.set("metadata", JsonNodeFactory.instance.objectNode());
        s.put("status", "Failure");
        s.put("message", getMessage());
        s.put("reason", reason);
        ObjectNode details = details();
        if (details != null) {
            s.set("details", details);
        }
        s.put("code", code);
        return s;
    }

    /** {@code details} of the Status, or null. */
    protected ObjectNode details() {
        return null;
    }
}
