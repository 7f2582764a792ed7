package io.tinykube.server.api.protobuf;

/**
 * A protobuf request body that cannot be turned into JSON: wrong magic, malformed or truncated protobuf, a kind
 * without a known protobuf message, nesting too deep, or an embedded value that is not what it claims to be.
 * The REST layer answers it with 400 BadRequest and {@link #getMessage()} as the Status message.
 */
public final class ProtobufBodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtobufBodyException(String message) {
        super(message);
    }

    public ProtobufBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
