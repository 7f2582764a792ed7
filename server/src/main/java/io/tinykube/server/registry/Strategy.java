package io.tinykube.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What differs per resource type; everything the types share lives in {@link GenericStore}. Modelled on
 * upstream's RESTCreateStrategy/RESTUpdateStrategy: defaulting, validation, field selectors.
 */
public interface Strategy {

    /** How metadata.name must look. */
    enum NameRule { DNS1123_SUBDOMAIN, DNS1123_LABEL, PATH_SEGMENT }

    /** Fills defaults and system-owned fields of a new object (after generic metadata handling). */
    default void prepareForCreate(ObjectNode object) {
    }

    /** Fills defaults of an update; {@code old} is the stored object. */
    default void prepareForUpdate(ObjectNode object, ObjectNode old) {
    }

    default List<Cause> validate(ObjectNode object) {
        return List.of();
    }

    default List<Cause> validateUpdate(ObjectNode object, ObjectNode old) {
        return validate(object);
    }

    /** Whether metadata.generation counts spec changes (workloads, jobs, ingresses …). */
    default boolean tracksGeneration() {
        return false;
    }

    /** Whether an update (PUT) of a missing object creates it, as for endpoints or leases. */
    default boolean allowCreateOnUpdate() {
        return false;
    }

    /**
     * Takes what the object needs from cluster-wide pools (a Service's cluster IP and node ports) right
     * before it is stored; a write that then fails gives it back through {@link #release}.
     */
    default void allocate(ObjectNode object) {
    }

    /** Gives back what {@link #allocate} took, once the object is gone. */
    default void release(ObjectNode object) {
    }

    /** Keys of this type expire after this many seconds (Events: one hour); 0 keeps them. */
    default long ttlSeconds() {
        return 0;
    }

    /** Whether an update that leaves a deleting object like this should remove it (no finalizers left). */
    default boolean shouldDeleteDuringUpdate(ObjectNode object) {
        return !Objects.hasFinalizers(object);
    }

    default NameRule nameRule() {
        return NameRule.DNS1123_SUBDOMAIN;
    }

    /** Field selector labels beyond metadata.name and metadata.namespace, with how to read each. */
    default Map<String, Function<JsonNode, String>> fieldLabels() {
        return Map.of();
    }

    /** The default strategy: no defaults, no extra validation. */
    Strategy DEFAULT = new Strategy() {
    };
}
