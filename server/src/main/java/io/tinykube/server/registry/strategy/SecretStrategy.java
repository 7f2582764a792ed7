package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Strategy;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Secrets: type Opaque by default, data values base64, immutable secrets stay as they are. */
public final class SecretStrategy implements Strategy {
    @Override
    public void prepareForCreate(ObjectNode secret) {
        if (!secret.hasNonNull("type") || secret.get("type").asText().isEmpty()) {
            secret.put("type", "Opaque");
        }
        moveStringData(secret);
    }

    @Override
    public void prepareForUpdate(ObjectNode secret, ObjectNode old) {
        if (!secret.hasNonNull("type") || secret.get("type").asText().isEmpty()) {
            secret.put("type", "Opaque");
        }
        moveStringData(secret);
    }

    /** stringData is write-only: merged into data, base64-encoded, as upstream does. */
    private static void moveStringData(ObjectNode secret) {
        JsonNode stringData = secret.remove("stringData");
        if (stringData == null || !stringData.isObject()) {
            return;
        }
        ObjectNode data = Json.with(secret, "data");
        for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            data.put(entry.getKey(), Base64.getEncoder().encodeToString(entry.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Override
    public List<Cause> validate(ObjectNode secret) {
        List<Cause> causes = new ArrayList<>();
        JsonNode data = secret.get("data");
        if (data != null && data.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                try {
                    Base64.getDecoder().decode(entry.getValue().asText());
                } catch (IllegalArgumentException e) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: \"<secret contents redacted>\": illegal base64 data",
                            "data[" + entry.getKey() + "]"));
                }
            }
        }
        return causes;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode secret, ObjectNode old) {
        List<Cause> causes = new ArrayList<>(validate(secret));
        causes.addAll(Immutability.immutableData(secret, old, "data"));
        return causes;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldLabels() {
        return Map.of("type", object -> Json.text(object, "type"));
    }
}
