package io.tinykube.runtime.network;

/** A pod network could not be set up or torn down; the message says what and why. */
public class NetworkException extends RuntimeException {
    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
