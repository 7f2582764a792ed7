package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.Strategy;
import java.util.Map;
import java.util.function.Function;

/** Namespaces: DNS labels, the immutable name label, the {@code kubernetes} finalizer, phase Active. */
public final class NamespaceStrategy implements Strategy {
    static final String NAME_LABEL = "kubernetes.io/metadata.name";

    @Override
    public NameRule nameRule() {
        return NameRule.DNS1123_LABEL;
    }

    @Override
    public void prepareForCreate(ObjectNode namespace) {
        Json.with(Objects.metadata(namespace), "labels").put(NAME_LABEL, Objects.name(namespace));
        ObjectNode spec = Json.with(namespace, "spec");
        spec.putArray("finalizers").add("kubernetes");
        Json.with(namespace, "status").put("phase", "Active");
    }

    @Override
    public void prepareForUpdate(ObjectNode namespace, ObjectNode old) {
        Json.with(Objects.metadata(namespace), "labels").put(NAME_LABEL, Objects.name(namespace));
        // spec.finalizers change only through the finalize subresource.
        if (old.has("spec")) {
            namespace.set("spec", old.get("spec"));
        }
    }

    /** A namespace also waits for its spec.finalizers (the namespace controller's {@code kubernetes}). */
    @Override
    public boolean shouldDeleteDuringUpdate(ObjectNode namespace) {
        JsonNode finalizers = Json.at(namespace, "spec", "finalizers");
        return !Objects.hasFinalizers(namespace) && (finalizers == null || finalizers.isEmpty());
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldLabels() {
        return Map.of("status.phase", object -> Json.text(object, "status", "phase"));
    }
}
