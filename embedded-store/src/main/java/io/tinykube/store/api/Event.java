package io.tinykube.store.api;

/**
 * One change seen by a watch. {@code previous} is the version replaced by an update or removed by a
 * delete (null for a create). For a delete, {@code current} carries the key, the deletion's revision
 * and the last value.
 */
public record Event(Type type, KeyValue current, KeyValue previous) {
    public enum Type { CREATE, UPDATE, DELETE }

    public long revision() {
        return current.modRevision();
    }
}
