package io.tinykube.store.sql;

/**
 * A row to append. It is written only if {@code prevRevision} is still the newest row of {@code name} (0: the
 * key has no row at all); otherwise the append is refused as a conflict. For a create, the row's
 * create_revision is its own id and {@code createRevision} is ignored.
 */
public record Append(String name, boolean create, boolean delete, long createRevision, long prevRevision,
                     long lease, long expiresAt, byte[] value) {

    public static Append create(String name, long prevRevision, long lease, long expiresAt, byte[] value) {
        return new Append(name, true, false, 0, prevRevision, lease, expiresAt, value);
    }

    public static Append update(String name, long createRevision, long prevRevision, long lease, long expiresAt,
                                byte[] value) {
        return new Append(name, false, false, createRevision, prevRevision, lease, expiresAt, value);
    }

    public static Append delete(String name, long createRevision, long prevRevision) {
        return new Append(name, false, true, createRevision, prevRevision, 0, 0, new byte[0]);
    }
}
