package io.tinykube.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Upstream's ValidateObjectMeta: the checks every object's metadata must pass. */
final class MetadataValidation {
    private static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    private MetadataValidation() {
    }

    static List<Cause> validate(ResourceType type, Strategy strategy, ObjectNode object) {
        List<Cause> causes = new ArrayList<>();
        String name = Objects.name(object);
        if (name == null || name.isEmpty()) {
            causes.add(required("metadata.name", "name or generateName is required"));
        } else {
            List<String> problems = switch (strategy.nameRule()) {
                case DNS1123_SUBDOMAIN -> Names.dns1123SubdomainErrors(name);
                case DNS1123_LABEL -> Names.dns1123LabelErrors(name);
                case PATH_SEGMENT -> pathSegmentErrors(name);
            };
            for (String problem : problems) {
                causes.add(invalid("metadata.name", name, problem));
            }
        }
        JsonNode labels = Json.at(object, "metadata", "labels");
        for (Iterator<Map.Entry<String, JsonNode>> it = labels == null ? java.util.Collections.emptyIterator() : labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            for (String problem : Names.qualifiedNameErrors(label.getKey())) {
                causes.add(invalid("metadata.labels", label.getKey(), problem));
            }
            if (!label.getValue().isTextual()) {
                causes.add(invalid("metadata.labels", label.getValue().toString(), "must be a string"));
                continue;
            }
            for (String problem : Names.labelValueErrors(label.getValue().asText())) {
                causes.add(invalid("metadata.labels", label.getValue().asText(), problem));
            }
        }
        JsonNode annotations = Json.at(object, "metadata", "annotations");
        long size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations == null ? java.util.Collections.emptyIterator() : annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> annotation = it.next();
            for (String problem : Names.qualifiedNameErrors(annotation.getKey())) {
                causes.add(invalid("metadata.annotations", annotation.getKey(), problem));
            }
            size += annotation.getKey().getBytes(StandardCharsets.UTF_8).length + annotation.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
            causes.add(new Cause("FieldValueTooLong", "Too long: may not be more than " + TOTAL_ANNOTATION_SIZE_LIMIT + " bytes",
                    "metadata.annotations"));
        }
        return causes;
    }

    private static List<String> pathSegmentErrors(String name) {
        if (name.equals(".") || name.equals("..")) {
            return List.of("may not be '" + name + "'");
        }
        if (name.contains("/") || name.contains("%")) {
            return List.of("may not contain '/' or '%'");
        }
        return List.of();
    }

    static Cause invalid(String field, String value, String detail) {
        return new Cause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail, field);
    }

    static Cause required(String field, String detail) {
        return new Cause("FieldValueRequired", "Required value" + (detail == null ? "" : ": " + detail), field);
    }
}
