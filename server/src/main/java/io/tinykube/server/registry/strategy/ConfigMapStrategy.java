package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.registry.Strategy;
import java.util.List;

/** ConfigMaps: immutable ones keep their data. */
public final class ConfigMapStrategy implements Strategy {
    @Override
    public List<Cause> validateUpdate(ObjectNode configMap, ObjectNode old) {
        return Immutability.immutableData(configMap, old, "data", "binaryData");
    }
}
