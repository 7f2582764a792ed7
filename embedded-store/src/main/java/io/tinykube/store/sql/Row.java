package io.tinykube.store.sql;

/**
 * One row of the log: one version of one key. {@code id} is the revision of the write; {@code prevRevision}
 * the id of the key's row this one replaced (0 when the key had no row); {@code value} is decoded.
 */
public record Row(long id, String name, boolean created, boolean deleted, long createRevision, long prevRevision,
                  long lease, long expiresAt, byte[] value) {
}
