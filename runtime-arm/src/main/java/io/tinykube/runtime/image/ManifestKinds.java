package io.tinykube.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;

/** Which kind of manifest a response is: its Content-Type, trusted; the JSON's own mediaType if that is generic. */
final class ManifestKinds {
    private ManifestKinds() {
    }

    static String resolve(String contentType, byte[] content) throws ImageException {
        if (MediaTypes.DOCKER_SCHEMA1.equals(contentType) || MediaTypes.DOCKER_SCHEMA1_SIGNED.equals(contentType)) {
            throw new ImageException("registry served a Docker schema 1 manifest, which is not supported");
        }
        if (MediaTypes.isIndex(contentType) || MediaTypes.isManifest(contentType)) {
            return contentType;
        }
        // Some servers (and plain file servers behind mirrors) say application/json or nothing at all.
        JsonNode node = Json.parse(content, "manifest");
        String declared = node.path("mediaType").asText("");
        if (MediaTypes.isIndex(declared) || MediaTypes.isManifest(declared)) {
            return declared;
        }
        if (node.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (node.has("layers") && node.has("config")) {
            return MediaTypes.OCI_MANIFEST;
        }
        throw new ImageException("unsupported manifest media type '" + contentType + "'");
    }
}
