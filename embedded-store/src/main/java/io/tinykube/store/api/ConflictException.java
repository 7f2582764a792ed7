package io.tinykube.store.api;

/** An update or delete whose expected revision is not the key's current one. */
public class ConflictException extends StoreException {
    private final KeyValue current;

    public ConflictException(String key, long expected, KeyValue current) {
        super("revision conflict on " + key + ": expected " + expected + ", current " + current.modRevision());
        this.current = current;
    }

    /** The key's version at the time of the conflict. */
    public KeyValue current() {
        return current;
    }
}
