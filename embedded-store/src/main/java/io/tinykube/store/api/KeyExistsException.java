package io.tinykube.store.api;

/** A create found the key already present. */
public class KeyExistsException extends StoreException {
    public KeyExistsException(String key) {
        super("key already exists: " + key);
    }
}
