package io.tinykube.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A multi-platform index (OCI image index or Docker manifest list). */
public record ImageIndex(List<Descriptor> manifests) {
    public ImageIndex {
        manifests = List.copyOf(manifests);
    }

    public static ImageIndex parse(byte[] content) throws ImageException {
        JsonNode node = Json.parse(content, "image index");
        if (node.path("schemaVersion").asInt() != 2 || !node.path("manifests").isArray()) {
            throw new ImageException("image index must have schemaVersion 2 and a manifests array");
        }
        List<Descriptor> manifests = new ArrayList<>();
        for (JsonNode m : node.path("manifests")) {
            manifests.add(Descriptor.fromJson(m));
        }
        return new ImageIndex(manifests);
    }

    /** The manifest best suited to {@code platform}, per {@link Platform#compatible()}; the first one on a tie. */
    public Optional<Descriptor> select(Platform platform) {
        Descriptor best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Descriptor m : manifests) {
            if (m.platform() == null) {
                continue;
            }
            int rank = platform.preference(m.platform());
            if (rank >= 0 && rank < bestRank) {
                best = m;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }
}
