package io.tinykube.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;

/**
 * How one kind served in several group-versions converts to and from the one version it is stored in, as
 * upstream's scheme converts through the internal version. The store applies its strategy, selectors and
 * writes to the storage form; every object a client sends or receives is in the request's version.
 * apiVersions are {@code v1} or {@code group/version}.
 */
public interface Conversion {

    /** The apiVersion objects of this kind are stored in. */
    String storageApiVersion();

    /** {@code object}, of {@code fromApiVersion}, as the storage version; may reuse parts of it. */
    ObjectNode toStorage(ObjectNode object, String fromApiVersion);

    /** {@code stored}, of the storage version, as {@code toApiVersion}; may reuse parts of it. */
    ObjectNode fromStorage(ObjectNode stored, String toApiVersion);

    /**
     * The field selector labels {@code apiVersion} offers beyond metadata, each reading the stored object;
     * by default the storage version's own.
     */
    default Map<String, Function<JsonNode, String>> fieldLabels(String apiVersion, Map<String, Function<JsonNode, String>> storageLabels) {
        return storageLabels;
    }
}
