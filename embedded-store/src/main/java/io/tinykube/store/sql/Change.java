package io.tinykube.store.sql;

/** A row read for a watch, with the row it replaced ({@code previous}, null if that row is gone or none). */
public record Change(Row row, Row previous) {
}
