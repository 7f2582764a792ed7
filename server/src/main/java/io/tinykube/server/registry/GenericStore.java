package io.tinykube.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.json.Json;
import io.tinykube.store.api.CompactedException;
import io.tinykube.store.api.ConflictException;
import io.tinykube.store.api.Event;
import io.tinykube.store.api.KeyExistsException;
import io.tinykube.store.api.KeyNotFoundException;
import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.ListResult;
import io.tinykube.store.api.StoreException;
import io.tinykube.store.api.Watch;
import io.tinykube.store.api.WatchListener;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything the resource types share, over the key-value store: system metadata (uid, creation
 * time, resourceVersion = store revision, generation, generateName), preconditions and optimistic
 * concurrency, status subresource semantics, finalizers and graceful deletion, selectors, list
 * pagination and watch. What differs per type comes from its {@link Strategy}.
 *
 * <p>A kind served in several group-versions has one store per version over one storage, as upstream: with
 * a {@link Conversion}, objects are stored, defaulted, validated and selected in the storage version, and
 * converted from the request's version on the way in and to it on the way out.
 */
public final class GenericStore {
    private static final String GENERATE_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int GENERATE_NAME_SUFFIX = 5;
    private static final int MAX_UPDATE_ATTEMPTS = 16;
    /** Keys read from the store per round trip while listing: bounds the memory a list takes. */
    static final int STORE_PAGE = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Which part of an object a write may change: MAIN (all but status, as the user's PUT), STATUS
     * (the status subresource), EPHEMERAL_CONTAINERS (a pod's debug containers), or ALL for the server's own writes (bindings, finalizers by controllers),
     * which skip the type's update rules but not metadata validation.
     */
    public enum Part { MAIN, STATUS, EPHEMERAL_CONTAINERS, ALL }

    public record Page(List<ObjectNode> items, long revision, String continueToken) {
    }

    public record WatchEvent(String type, ObjectNode object, long revision) {
    }

    /** The result of a delete: the object as last stored, and whether it is gone or only marked for deletion. */
    public record Deletion(ObjectNode object, boolean deleted) {
    }

    /** DeleteOptions as far as the store needs them. */
    public record DeleteOptions(String propagationPolicy, Long gracePeriodSeconds, String preconditionUid,
                                String preconditionResourceVersion) {
        public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null);
    }

    private final ResourceType type;
    private final Conversion conversion;
    private final Strategy strategy;
    private final KvStore kv;
    private final Clock clock;
    private final String prefix;
    private final Map<String, Function<JsonNode, String>> fieldLabels;

    /**
     * The store serving {@code type} over the keys of {@code storage} (the same resource in its storage
     * version), whose {@code strategy} applies; {@code conversion} is null for kinds served in one version.
     */
    public GenericStore(ResourceType type, ResourceType storage, Conversion conversion, Strategy strategy, KvStore kv, Clock clock) {
        this.type = type;
        this.conversion = conversion;
        this.strategy = strategy;
        this.kv = kv;
        this.clock = clock;
        this.prefix = "/registry/" + (storage.group().isEmpty() ? "core" : storage.group()) + "/" + storage.plural() + "/";
        Map<String, Function<JsonNode, String>> labels = new HashMap<>(conversion == null ? strategy.fieldLabels()
                : conversion.fieldLabels(type.apiVersion(), strategy.fieldLabels()));
        labels.put("metadata.name", Objects::name);
        if (type.namespaced()) {
            labels.put("metadata.namespace", Objects::namespace);
        }
        this.fieldLabels = Map.copyOf(labels);
    }

    public ResourceType type() {
        return type;
    }

    public Strategy strategy() {
        return strategy;
    }

    public Map<String, Function<JsonNode, String>> fieldLabels() {
        return fieldLabels;
    }

    private String key(String namespace, String name) {
        return type.namespaced() ? prefix + namespace + "/" + name : prefix + name;
    }

    private String listPrefix(String namespace) {
        return type.namespaced() && namespace != null ? prefix + namespace + "/" : prefix;
    }

    // ---- reads

    public Optional<ObjectNode> find(String namespace, String name) {
        return call(() -> kv.get(key(namespace, name)).map(stored -> out(decode(stored))));
    }

    public ObjectNode get(String namespace, String name) {
        return find(namespace, name).orElseThrow(() -> ApiException.notFound(type, name));
    }

    /** Receives a list's objects one by one, as they are read from the store. */
    public interface ListSink {
        void item(ObjectNode object);
    }

    /** Where a streamed list ended: the revision it was read at, and the continue token when more remain. */
    public record ListEnd(long revision, String continueToken) {
    }

    /**
     * Lists objects matching the selectors into a list in memory; for what controllers and small reads
     * need. Large answers stream through {@link #stream}.
     */
    public Page list(String namespace, LabelSelector labels, FieldSelector fields, int limit, String continueToken, long exactRevision) {
        List<ObjectNode> items = new ArrayList<>();
        ListEnd end = stream(namespace, labels, fields, limit, continueToken, exactRevision, items::add);
        return new Page(items, end.revision(), end.continueToken());
    }

    /**
     * Streams the objects matching the selectors, reading the store a page at a time at one revision, so
     * memory stays bounded however many objects there are. {@code limit} caps the items (0 = all); the
     * continue token resumes at the same revision. {@code exactRevision} &gt; 0 reads at that revision.
     */
    public ListEnd stream(String namespace, LabelSelector labels, FieldSelector fields, int limit, String continueToken, long exactRevision,
                          ListSink sink) {
        String wantedName = fields.requiredValue("metadata.name");
        String start = null;
        long revision = exactRevision;
        if (continueToken != null && !continueToken.isEmpty()) {
            Continue token = Continue.decode(continueToken);
            start = token.start();
            revision = token.revision();
        }
        String listPrefix = listPrefix(namespace);
        int count = 0;
        while (true) {
            ListResult page;
            try {
                if (wantedName != null && start == null && type.namespaced() == (namespace != null)) {
                    page = kv.list(key(namespace, wantedName), null, 0, revision);
                    page = new ListResult(page.items().stream().filter(item -> item.key().equals(key(namespace, wantedName))).toList(),
                            page.revision(), false);
                } else {
                    int pageSize = limit > 0 ? Math.min(Math.max(limit - count, 1), STORE_PAGE) : STORE_PAGE;
                    page = kv.list(listPrefix, start, pageSize, revision);
                }
            } catch (CompactedException e) {
                throw continueToken != null ? ApiException.gone("The provided continue parameter is too old to display a consistent list "
                        + "result. You can start a new list without the continue parameter, or use the continue token in this response to "
                        + "retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects "
                        + "that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
                        : ApiException.gone("too old resource version: " + exactRevision + " (" + e.compactRevision() + ")");
            } catch (StoreException e) {
                throw storeFailure(e);
            }
            revision = page.revision();
            for (KeyValue item : page.items()) {
                ObjectNode object = decode(item);
                if (labels.matches(object) && fields.matches(object)) {
                    sink.item(out(object));
                    count++;
                }
                start = item.key();
            }
            if (!page.more()) {
                return new ListEnd(revision, null);
            }
            if (limit > 0 && count >= limit) {
                return new ListEnd(revision, new Continue(revision, start).encode());
            }
        }
    }

    public long currentRevision() {
        return call(kv::currentRevision);
    }

    // ---- writes

    /** Creates an object; {@code dryRun} runs every step but the write. */
    public ObjectNode create(String namespace, ObjectNode requested, boolean dryRun) {
        ObjectNode object = in(requested);
        ObjectNode metadata = Objects.metadata(object);
        boolean generated = !metadata.hasNonNull("name") || metadata.get("name").asText().isEmpty();
        String generateName = metadata.path("generateName").asText("");
        if (generated && generateName.isEmpty()) {
            throw ApiException.invalid(type, "", List.of(new Cause("FieldValueRequired", "name or generateName is required", "metadata.name")));
        }
        for (int attempt = 0; ; attempt++) {
            if (generated) {
                metadata.put("name", generateName + randomSuffix());
            }
            prepareCreate(namespace, object);
            String name = Objects.name(object);
            if (dryRun) {
                if (find(namespace, name).isPresent()) {
                    throw ApiException.alreadyExists(type, name);
                }
                return out(object);
            }
            strategy.allocate(object);
            try {
                KeyValue stored = kv.create(key(namespace, name), encode(object), strategy.ttlSeconds());
                return out(decode(stored));
            } catch (KeyExistsException e) {
                strategy.release(object);
                if (!generated || attempt >= 3) {
                    throw ApiException.alreadyExists(type, name);
                }
            } catch (StoreException e) {
                strategy.release(object);
                throw storeFailure(e);
            }
        }
    }

    private void prepareCreate(String namespace, ObjectNode object) {
        ObjectNode metadata = Objects.metadata(object);
        if (type.namespaced()) {
            metadata.put("namespace", namespace);
        } else {
            metadata.remove("namespace");
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", Objects.timestamp(clock.instant()));
        metadata.remove("resourceVersion");
        metadata.remove("deletionTimestamp");
        metadata.remove("deletionGracePeriodSeconds");
        metadata.remove("selfLink");
        if (strategy.tracksGeneration()) {
            metadata.put("generation", 1);
        } else {
            metadata.remove("generation");
        }
        if (type.subresource("status") != null) {
            object.remove("status");
        }
        strategy.prepareForCreate(object);
        validate(object, strategy.validate(object));
    }

    /**
     * Replaces an object with what {@code change} makes of the stored one, retrying on concurrent writes
     * unless the result names a resourceVersion, which is then a precondition.
     */
    public ObjectNode update(String namespace, String name, UnaryOperator<ObjectNode> change, Part part, boolean dryRun) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Optional<KeyValue> stored = call(() -> kv.get(key(namespace, name)));
            if (stored.isEmpty()) {
                if (!strategy.allowCreateOnUpdate() || part != Part.MAIN) {
                    throw ApiException.notFound(type, name);
                }
                ObjectNode created = change.apply(null);
                checkNameAndNamespace(created, namespace, name);
                return create(namespace, created, dryRun);
            }
            ObjectNode old = decode(stored.get());
            ObjectNode desired = in(change.apply(out(old.deepCopy())));
            checkNameAndNamespace(desired, namespace, name);
            String precondition = Json.text(desired, "metadata", "resourceVersion");
            if (precondition != null && !precondition.isEmpty() && !precondition.equals(Json.text(old, "metadata", "resourceVersion"))) {
                throw ApiException.staleResourceVersion(type, name);
            }
            String uid = Json.text(desired, "metadata", "uid");
            if (uid != null && !uid.isEmpty() && !uid.equals(Json.text(old, "metadata", "uid"))) {
                throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
                        + Json.text(old, "metadata", "uid"));
            }
            ObjectNode updated = prepareUpdate(desired, old, part);
            // A write that changes nothing is not made (as upstream compares the bytes): numbers compare by
            // value, since a controller's freshly put long equals the int the store gave back.
            if (Json.sameJson(updated, old)) {
                return out(old);
            }
            if (dryRun) {
                return out(updated);
            }
            try {
                if (Objects.isDeleting(updated) && strategy.shouldDeleteDuringUpdate(updated)) {
                    kv.delete(key(namespace, name), stored.get().modRevision());
                    strategy.release(updated);
                    return out(updated);
                }
                return out(decode(kv.update(key(namespace, name), encode(updated), stored.get().modRevision(), strategy.ttlSeconds())));
            } catch (ConflictException e) {
                if (precondition != null && !precondition.isEmpty()) {
                    throw ApiException.staleResourceVersion(type, name);
                }
            } catch (KeyNotFoundException e) {
                throw ApiException.notFound(type, name);
            } catch (StoreException e) {
                throw storeFailure(e);
            }
        }
        throw ApiException.conflict(type, name, "too many concurrent writes; please try again");
    }

    private void checkNameAndNamespace(ObjectNode object, String namespace, String name) {
        String bodyName = Objects.name(object);
        if (bodyName != null && !bodyName.isEmpty() && !bodyName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
        }
        Objects.metadata(object).put("name", name);
        String bodyNamespace = Objects.namespace(object);
        if (type.namespaced() && bodyNamespace != null && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private ObjectNode prepareUpdate(ObjectNode desired, ObjectNode old, Part part) {
        ObjectNode updated;
        if (part == Part.STATUS) {
            // A status write changes status only; metadata the user controls stays as stored.
            updated = old.deepCopy();
            if (desired.has("status")) {
                updated.set("status", desired.get("status"));
            } else {
                updated.remove("status");
            }
        } else if (part == Part.EPHEMERAL_CONTAINERS) {
            updated = old.deepCopy();
            JsonNode ephemeral = Json.at(desired, "spec", "ephemeralContainers");
            if (ephemeral == null) {
                Json.with(updated, "spec").remove("ephemeralContainers");
            } else {
                Json.with(updated, "spec").set("ephemeralContainers", ephemeral);
            }
        } else {
            updated = desired;
            if (part == Part.MAIN && type.subresource("status") != null) {
                if (old.has("status")) {
                    updated.set("status", old.get("status"));
                } else {
                    updated.remove("status");
                }
            }
            ObjectNode metadata = Objects.metadata(updated);
            ObjectNode oldMetadata = Objects.metadata(old);
            for (String systemField : new String[] {"uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"}) {
                if (oldMetadata.has(systemField)) {
                    metadata.set(systemField, oldMetadata.get(systemField));
                } else {
                    metadata.remove(systemField);
                }
            }
            if (type.namespaced()) {
                metadata.set("namespace", oldMetadata.get("namespace"));
            }
            metadata.remove("selfLink");
            if (Objects.isDeleting(old)) {
                ArrayNode finalizers = (ArrayNode) oldMetadata.get("finalizers");
                for (JsonNode finalizer : metadata.withArray("finalizers")) {
                    if (finalizers == null || !contains(finalizers, finalizer.asText())) {
                        throw ApiException.forbidden(type, Objects.name(old), "no new finalizers can be added if the object is being deleted, "
                                + "found new finalizers [\"" + finalizer.asText() + "\"]");
                    }
                }
            }
            if (metadata.has("finalizers") && metadata.get("finalizers").isEmpty()) {
                metadata.remove("finalizers");
            }
            if (part == Part.MAIN) {
                strategy.prepareForUpdate(updated, old);
            }
            if (strategy.tracksGeneration() && part == Part.MAIN && !withoutMetadataAndStatus(updated).equals(withoutMetadataAndStatus(old))) {
                metadata.put("generation", oldMetadata.path("generation").asLong(0) + 1);
            }
        }
        Objects.metadata(updated).set("resourceVersion", Objects.metadata(old).get("resourceVersion"));
        validate(updated, part == Part.MAIN ? strategy.validateUpdate(updated, old) : List.of());
        return updated;
    }

    private static boolean contains(ArrayNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode withoutMetadataAndStatus(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("metadata");
        copy.remove("status");
        return copy;
    }

    /**
     * Deletes an object, or marks it for deletion when finalizers (including those the propagation
     * policy adds) or a grace period must run first.
     */
    public Deletion delete(String namespace, String name, DeleteOptions options, boolean dryRun,
                           UnaryOperator<ObjectNode> gracefulDeletion) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Optional<KeyValue> stored = call(() -> kv.get(key(namespace, name)));
            if (stored.isEmpty()) {
                throw ApiException.notFound(type, name);
            }
            ObjectNode current = decode(stored.get());
            String uid = Json.text(current, "metadata", "uid");
            if (options.preconditionUid() != null && !options.preconditionUid().equals(uid)) {
                throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: " + options.preconditionUid()
                        + ", UID in object meta: " + uid);
            }
            String resourceVersion = Json.text(current, "metadata", "resourceVersion");
            if (options.preconditionResourceVersion() != null && !options.preconditionResourceVersion().equals(resourceVersion)) {
                throw ApiException.conflict(type, name, "Precondition failed: ResourceVersion in precondition: "
                        + options.preconditionResourceVersion() + ", ResourceVersion in object meta: " + resourceVersion);
            }
            ObjectNode marked = markForDeletion(current, options, gracefulDeletion);
            try {
                if (marked == null) {
                    if (!dryRun) {
                        kv.delete(key(namespace, name), stored.get().modRevision());
                        strategy.release(current);
                    }
                    return new Deletion(out(current), true);
                }
                if (Json.sameJson(marked, current) || dryRun) {
                    return new Deletion(out(marked), false);
                }
                return new Deletion(out(decode(kv.update(key(namespace, name), encode(marked), stored.get().modRevision(),
                        strategy.ttlSeconds()))), false);
            } catch (ConflictException e) {
                // changed meanwhile: decide again on the new state
            } catch (KeyNotFoundException e) {
                throw ApiException.notFound(type, name);
            } catch (StoreException e) {
                throw storeFailure(e);
            }
        }
        throw ApiException.conflict(type, name, "too many concurrent writes; please try again");
    }

    /** The object marked for deletion, or null when it can go now. */
    private ObjectNode markForDeletion(ObjectNode current, DeleteOptions options, UnaryOperator<ObjectNode> gracefulDeletion) {
        ObjectNode marked = current.deepCopy();
        ObjectNode metadata = Objects.metadata(marked);
        String policyFinalizer = switch (options.propagationPolicy() == null ? "" : options.propagationPolicy()) {
            case "Foreground" -> "foregroundDeletion";
            case "Orphan" -> "orphan";
            default -> null;
        };
        if (policyFinalizer != null) {
            ArrayNode finalizers = metadata.withArray("finalizers");
            if (!contains(finalizers, policyFinalizer)) {
                finalizers.add(policyFinalizer);
            }
        }
        ObjectNode graceful = gracefulDeletion == null ? null : gracefulDeletion.apply(marked);
        if (graceful != null) {
            return graceful;
        }
        if (!Objects.hasFinalizers(marked)) {
            return null;
        }
        if (!metadata.has("deletionTimestamp")) {
            metadata.put("deletionTimestamp", Objects.timestamp(clock.instant()));
            metadata.put("deletionGracePeriodSeconds", 0);
        }
        return marked;
    }

    // ---- watch

    /**
     * Watches changes after {@code afterRevision}, as Kubernetes reports them through selectors: an
     * object that stops matching is DELETED, one that starts matching is ADDED.
     */
    public Watch watch(String namespace, LabelSelector labels, FieldSelector fields, long afterRevision,
                       Consumer<List<WatchEvent>> onEvents, Consumer<ApiException> onError) {
        WatchListener listener = new WatchListener() {
            @Override
            public void onEvents(List<Event> events) {
                List<WatchEvent> out = new ArrayList<>(events.size());
                for (Event event : events) {
                    WatchEvent converted = convert(event, labels, fields);
                    if (converted != null) {
                        out.add(converted);
                    }
                }
                if (!out.isEmpty()) {
                    onEvents.accept(out);
                }
            }

            @Override
            public void onError(StoreException error) {
                onError.accept(error instanceof CompactedException compacted
                        ? ApiException.gone("too old resource version: " + afterRevision + " (" + compacted.compactRevision() + ")")
                        : storeFailure(error));
            }
        };
        try {
            return kv.watch(listPrefix(namespace), afterRevision, listener);
        } catch (CompactedException e) {
            throw ApiException.gone("too old resource version: " + afterRevision + " (" + e.compactRevision() + ")");
        } catch (StoreException e) {
            throw storeFailure(e);
        }
    }

    private WatchEvent convert(Event event, LabelSelector labels, FieldSelector fields) {
        long revision = event.revision();
        ObjectNode current = event.type() == Event.Type.DELETE ? null : decode(event.current());
        ObjectNode previous = event.previous() == null ? null : decode(event.previous());
        boolean nowMatches = current != null && labels.matches(current) && fields.matches(current);
        boolean matchedBefore = previous != null && labels.matches(previous) && fields.matches(previous);
        if (event.type() == Event.Type.DELETE) {
            if (!matchedBefore) {
                return null;
            }
            Objects.metadata(previous).put("resourceVersion", Long.toString(revision));
            return new WatchEvent("DELETED", out(previous), revision);
        }
        if (nowMatches) {
            return new WatchEvent(matchedBefore ? "MODIFIED" : "ADDED", out(current), revision);
        }
        if (matchedBefore) {
            return new WatchEvent("DELETED", out(current), revision);
        }
        return null;
    }

    // ---- encoding

    /** The stored object in the storage version (objects stored in another version before are converted). */
    private ObjectNode decode(KeyValue stored) {
        try {
            ObjectNode object = in((ObjectNode) Json.MAPPER.readTree(stored.value()));
            Objects.metadata(object).put("resourceVersion", Long.toString(stored.modRevision()));
            return object;
        } catch (IOException | ClassCastException e) {
            throw ApiException.internal("stored object " + stored.key() + " is not valid JSON: " + e.getMessage());
        }
    }

    /** {@code object}, in the version it names (else this store's), as the storage version. */
    private ObjectNode in(ObjectNode object) {
        if (conversion == null) {
            return object;
        }
        String apiVersion = object.path("apiVersion").asText("");
        if (apiVersion.isEmpty()) {
            apiVersion = type.apiVersion();
        }
        return apiVersion.equals(conversion.storageApiVersion()) ? object : conversion.toStorage(object, apiVersion);
    }

    /** A stored object in this store's version. */
    private ObjectNode out(ObjectNode stored) {
        if (conversion == null || type.apiVersion().equals(conversion.storageApiVersion())) {
            return stored;
        }
        return conversion.fromStorage(stored, type.apiVersion());
    }

    private byte[] encode(ObjectNode object) {
        ObjectNode metadata = Objects.metadata(object);
        JsonNode resourceVersion = metadata.remove("resourceVersion");
        try {
            return Json.bytes(object);
        } finally {
            if (resourceVersion != null) {
                metadata.set("resourceVersion", resourceVersion);
            }
        }
    }

    private void validate(ObjectNode object, List<Cause> typeCauses) {
        List<Cause> causes = new ArrayList<>(MetadataValidation.validate(type, strategy, object));
        causes.addAll(typeCauses);
        if (!causes.isEmpty()) {
            throw ApiException.invalid(type, Objects.name(object) == null ? "" : Objects.name(object), causes);
        }
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder(GENERATE_NAME_SUFFIX);
        for (int i = 0; i < GENERATE_NAME_SUFFIX; i++) {
            suffix.append(GENERATE_NAME_ALPHABET.charAt(RANDOM.nextInt(GENERATE_NAME_ALPHABET.length())));
        }
        return suffix.toString();
    }

    private static ApiException storeFailure(StoreException e) {
        return ApiException.internal(e.getMessage());
    }

    private static <T> T call(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (StoreException e) {
            throw storeFailure(e);
        }
    }

    /** The list continue token: the revision the list is read at and the last key returned. */
    private record Continue(long revision, String start) {
        String encode() {
            ObjectNode token = Json.object().put("v", "meta.k8s.io/v1").put("rv", revision).put("start", start);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(token));
        }

        static Continue decode(String encoded) {
            try {
                JsonNode token = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(encoded));
                if (!"meta.k8s.io/v1".equals(token.path("v").asText()) || !token.has("start")) {
                    throw new IllegalArgumentException();
                }
                return new Continue(token.path("rv").asLong(), token.path("start").asText());
            } catch (IOException | IllegalArgumentException e) {
                throw ApiException.badRequest("continue key is not valid: " + encoded);
            }
        }
    }
}
