package io.tinykube.store.api;

/** Base of every failure the store reports; the message is fit to show a user. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
