package io.tinykube.store.api;

/** An update or delete found no such key. */
public class KeyNotFoundException extends StoreException {
    public KeyNotFoundException(String key) {
        super("key not found: " + key);
    }
}
