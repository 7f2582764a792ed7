package io.tinykube.store.api;

import java.util.List;

/**
 * A page of a prefix listing, read at one consistent {@code revision}. {@code more} says whether keys
 * after the last item remain; pass the last item's key as {@code startAfter} and {@code revision} to
 * read the next page at the same revision.
 */
public record ListResult(List<KeyValue> items, long revision, boolean more) {
}
