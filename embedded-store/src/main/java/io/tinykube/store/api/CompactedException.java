package io.tinykube.store.api;

/** A read or watch asked for a revision older than the compact revision. */
public class CompactedException extends StoreException {
    private final long compactRevision;

    public CompactedException(long requested, long compactRevision) {
        super("required revision " + requested + " has been compacted (compact revision " + compactRevision + ")");
        this.compactRevision = compactRevision;
    }

    public long compactRevision() {
        return compactRevision;
    }
}
