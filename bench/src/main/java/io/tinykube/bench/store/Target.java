package io.tinykube.bench.store;

import java.util.function.Consumer;

/**
 * What the workload needs from a datastore: the operations the API server does (create-if-absent,
 * compare-and-swap update, prefix list, prefix watch). One implementation per client library, so the
 * workload itself is written once.
 */
interface Target extends AutoCloseable {

    /** Creates a key that must not exist; returns its modRevision. */
    long create(String key, byte[] value);

    /** Replaces a key's value if its modRevision is {@code expectedRevision}; returns the new modRevision. */
    long update(String key, byte[] value, long expectedRevision);

    /** Reads every key under {@code prefix}; returns how many there were. */
    int list(String prefix);

    /** The store's current revision. */
    long revision();

    /** Calls {@code onValue} with the new value of every change under {@code prefix} after {@code afterRevision}. */
    AutoCloseable watch(String prefix, long afterRevision, Consumer<byte[]> onValue);

    /** Makes writes the backend defers (checkpoints) reach the disk, before disk counters are read. */
    default void flush() {
    }

    @Override
    void close();

    /** The adapter for a backend name; {@code endpoint} is the store endpoint or the etcd client URL. */
    static Target open(String backend, String endpoint) {
        return backend.equals("etcd") ? new EtcdTarget(endpoint) : new KvStoreTarget(endpoint);
    }
}
