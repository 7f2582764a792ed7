package io.tinykube.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A single-platform image manifest (OCI or Docker schema 2): its config and its layers, base layer first. */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) {
    public ImageManifest {
        layers = List.copyOf(layers);
    }

    public static ImageManifest parse(byte[] content, String mediaType) throws ImageException {
        JsonNode node = Json.parse(content, "image manifest");
        if (node.path("schemaVersion").asInt() != 2) {
            throw new ImageException("image manifest schemaVersion must be 2 (schema 1 is not supported)");
        }
        JsonNode layersNode = node.path("layers");
        if (!layersNode.isArray()) {
            throw new ImageException("image manifest has no layers array");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : layersNode) {
            layers.add(Descriptor.fromJson(layer));
        }
        return new ImageManifest(mediaType, Descriptor.fromJson(node.get("config")), layers);
    }

    /** An OCI manifest's JSON, for images assembled on import. */
    public byte[] toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("schemaVersion", 2);
        node.put("mediaType", MediaTypes.OCI_MANIFEST);
        node.set("config", config.toJson());
        ArrayNode array = node.putArray("layers");
        layers.forEach(l -> array.add(l.toJson()));
        return Json.bytes(node);
    }
}
