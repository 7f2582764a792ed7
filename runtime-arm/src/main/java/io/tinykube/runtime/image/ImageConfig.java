package io.tinykube.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of an image's config a container runtime needs. Absent lists are empty, absent strings empty;
 * {@code diffIds} are the digests of the uncompressed layers, base first.
 */
public record ImageConfig(String os, String architecture, String variant, List<String> env, List<String> entrypoint,
        List<String> cmd, String workingDir, String user, Set<String> exposedPorts, List<String> diffIds) {

    public static ImageConfig parse(byte[] content) throws ImageException {
        JsonNode node = Json.parse(content, "image config");
        JsonNode config = node.path("config");
        Set<String> ports = new LinkedHashSet<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        return new ImageConfig(node.path("os").asText(""), node.path("architecture").asText(""),
                node.path("variant").asText(""), strings(config.path("Env")), strings(config.path("Entrypoint")),
                strings(config.path("Cmd")), config.path("WorkingDir").asText(""), config.path("User").asText(""),
                Collections.unmodifiableSet(ports), strings(node.path("rootfs").path("diff_ids")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        for (JsonNode element : array) {
            result.add(element.asText());
        }
        return List.copyOf(result);
    }

    public Platform platform() {
        return new Platform(os, architecture, variant);
    }
}
