package io.tinykube.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tinykube.server.json.Json;
import java.io.IOException;

/** Turns request bodies (JSON, YAML) into objects, refusing what is not one with upstream's 400. */
public final class Bodies {
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .loaderOptions(yamlLimits()).build()).build();

    private Bodies() {
    }

    private static org.yaml.snakeyaml.LoaderOptions yamlLimits() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(100);
        options.setCodePointLimit(4 * 1024 * 1024);
        return options;
    }

    /** The media type without parameters, lower case. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    public static boolean isYaml(String mediaType) {
        return mediaType.equals("application/yaml") || mediaType.equals("application/x-yaml") || mediaType.equals("text/yaml");
    }

    /** Parses a JSON or YAML document that must be an object. */
    public static ObjectNode object(byte[] body, String mediaType, String what) {
        JsonNode node = tree(body, mediaType);
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest(what + ": the body must be a JSON object");
        }
        return object;
    }

    public static JsonNode tree(byte[] body, String mediaType) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the request body is empty");
        }
        try {
            JsonNode node = isYaml(mediaType) ? YAML.readTree(body) : Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the request body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body of the request could not be decoded: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the body of the request could not be read: " + e.getMessage());
        }
    }
}
