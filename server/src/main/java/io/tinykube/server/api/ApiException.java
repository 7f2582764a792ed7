package io.tinykube.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.ResourceType;
import java.util.List;

/**
 * A request that fails as Kubernetes fails it: HTTP code, {@code reason}, message and details, sent
 * as a {@code Status}. Factory methods produce upstream's exact wording.
 */
public class ApiException extends RuntimeException {
    private final int code;
    private final String reason;
    private final ObjectNode details;

    public ApiException(int code, String reason, String message, ObjectNode details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** An error whose Status was built elsewhere (server-side apply's conflicts). */
    public static ApiException fromStatus(ObjectNode status) {
        JsonNode details = status.get("details");
        return new ApiException(status.path("code").asInt(500), status.path("reason").asText(""), status.path("message").asText(),
                details instanceof ObjectNode object ? object : null);
    }

    public ObjectNode toStatus() {
        ObjectNode status = Status.failure(code, reason, getMessage());
        if (reason.isEmpty()) {
            status.remove("reason"); // metav1.StatusReasonUnknown is omitted, as upstream serializes it
        }
        if (details != null) {
            status.set("details", details);
        }
        return status;
    }

    /** One entry of {@code details.causes}. */
    public record Cause(String type, String message, String field) {
        ObjectNode toJson() {
            ObjectNode cause = Json.object().put("reason", type).put("message", message);
            if (field != null) {
                cause.put("field", field);
            }
            return cause;
        }
    }

    private static ObjectNode details(ResourceType resource, String name) {
        ObjectNode details = Json.object();
        if (name != null && !name.isEmpty()) {
            details.put("name", name);
        }
        if (!resource.group().isEmpty()) {
            details.put("group", resource.group());
        }
        details.put("kind", resource.plural());
        return details;
    }

    public static ApiException notFound(ResourceType resource, String name) {
        return new ApiException(404, "NotFound", resource.qualifiedPlural() + " \"" + name + "\" not found", details(resource, name));
    }

    public static ApiException alreadyExists(ResourceType resource, String name) {
        return new ApiException(409, "AlreadyExists", resource.qualifiedPlural() + " \"" + name + "\" already exists", details(resource, name));
    }

    public static ApiException conflict(ResourceType resource, String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + resource.qualifiedPlural() + " \"" + name + "\": " + why,
                details(resource, name));
    }

    public static ApiException staleResourceVersion(ResourceType resource, String name) {
        return conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 422 with one cause per invalid field, worded as upstream's field errors. */
    public static ApiException invalid(ResourceType resource, String name, List<Cause> causes) {
        ObjectNode details = details(resource, name);
        details.remove("kind");
        details.put("group", resource.group());
        details.put("kind", resource.kind());
        ArrayNode array = Json.MAPPER.createArrayNode();
        StringBuilder joined = new StringBuilder();
        for (Cause cause : causes) {
            array.add(cause.toJson());
            if (joined.length() > 0) {
                joined.append(", ");
            }
            joined.append(cause.field() != null ? cause.field() + ": " : "").append(cause.message());
        }
        details.set("causes", array);
        String list = causes.size() == 1 ? joined.toString() : "[" + joined + "]";
        return new ApiException(422, "Invalid", resource.kind() + " \"" + name + "\" is invalid: " + list, details);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null);
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "MethodNotAllowed", message, null);
    }

    public static ApiException notFoundPath() {
        return new ApiException(404, "NotFound", "the server could not find the requested resource", null);
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                + "application/json, application/yaml, application/vnd.kubernetes.protobuf", null);
    }

    public static ApiException notAcceptable(String accept) {
        return new ApiException(406, "NotAcceptable", "only the following media types are accepted: application/json, application/yaml, "
                + "application/vnd.kubernetes.protobuf", null);
    }

    public static ApiException forbidden(ResourceType resource, String name, String why) {
        return new ApiException(403, "Forbidden", resource.qualifiedPlural() + (name == null || name.isEmpty() ? "" : " \"" + name + "\"")
                + " is forbidden: " + why, details(resource, name));
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message, null);
    }

    public static ApiException tooLarge() {
        return new ApiException(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728", null);
    }

    public static ApiException internal(String message) {
        return new ApiException(500, "InternalError", "Internal error occurred: " + message, null);
    }
}
