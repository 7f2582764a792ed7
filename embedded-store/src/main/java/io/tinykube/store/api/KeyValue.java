package io.tinykube.store.api;

/**
 * One version of one key.
 *
 * @param key            the full key, e.g. {@code /registry/configmaps/default/app}
 * @param value          the stored bytes (the JSON the API serves); empty for a deletion
 * @param createRevision the revision at which this key was (last) created
 * @param modRevision    the revision of this version; the object's resourceVersion
 * @param lease          time-to-live in seconds the key was written with, 0 for none
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long lease) {
}
