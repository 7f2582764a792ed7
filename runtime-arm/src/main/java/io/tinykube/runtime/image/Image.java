package io.tinykube.runtime.image;

import java.time.Instant;
import java.util.List;

/**
 * A stored image: its name (a normalized reference), the digest the name resolved to (an index or a manifest), the
 * platform manifest chosen, its config digest (the image ID), its layers base first, and its parsed config.
 */
public record Image(String name, String digest, String manifestDigest, String id, List<Descriptor> layers,
        ImageConfig config, Instant lastUsed) {

    /** Every blob this image needs kept: index, manifest, config and layers. */
    public List<String> blobs() {
        List<String> result = new java.util.ArrayList<>(List.of(digest, manifestDigest, id));
        layers.forEach(l -> result.add(l.digest()));
        return result;
    }

    public long sizeBytes() {
        return layers.stream().mapToLong(Descriptor::size).sum();
    }
}
