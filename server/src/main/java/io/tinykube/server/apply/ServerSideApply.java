package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.schema.FieldSchema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Server-side apply ({@code application/apply-patch+yaml}) with upstream's semantics: structured-merge-diff's
 * {@code merge.Updater.Apply} (merge, prune of fields the applier dropped, conflict detection, force)
 * wrapped in the apiserver field manager's behaviour (stripped metadata fields, {@code before-first-apply},
 * the {@code kubectl} last-applied-annotation handover, times, entry order).
 *
 * <p>The REST layer parses the body, checks the request with {@link #validateAppliedObject}, calls
 * {@link #apply}, then runs its usual create/update path (defaulting, system metadata from the live
 * object, validation, status reset by the strategy) on the result.
 */
public final class ServerSideApply {
    private ServerSideApply() {
    }

    public static final String LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
    /** The only manager for which the client-side-apply annotation is honoured and kept up to date. */
    static final String KUBECTL = "kubectl";

    /**
     * The deepest nesting of objects and arrays accepted (Kubernetes objects, CRD schemas included,
     * stay well below). Deeper documents would exhaust the server's small thread stacks in the
     * recursive walks here and in Jackson; the REST layer should also cap nesting when it parses bodies.
     */
    public static final int MAX_DEPTH = 150;

    /** A stored object may be deeper by its managedFields: fieldsV1 mirrors the object four levels down. */
    static final int STORED_DEPTH = MAX_DEPTH + 5;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Applies {@code applied} for {@code manager} to the main resource ({@code status} not owned).
     *
     * @param live       the stored object, or null to create it
     * @param applied    the applied configuration (the parsed request body)
     * @param apiVersion the group/version of the request, recorded in managedFields ({@code apps/v1})
     * @return the object to store, carrying the new {@code metadata.managedFields}; when the apply
     * changes nothing it is equal to {@code live} apart from managedFields
     * @throws ApplyConflictException when fields owned by other managers would change and {@code force} is false
     * @throws ApplyException         for an unusable configuration (400), missing manager (422) or
     *                                malformed managedFields in {@code live} (500)
     */
    public static ObjectNode apply(ObjectNode live, JsonNode applied, String manager, boolean force, FieldSchema schema,
                                   String apiVersion, Instant now) {
        return apply(live, applied, manager, null, force, schema, apiVersion, ManagedFields.defaultResetFields(null), now);
    }

    /**
     * {@link #apply(ObjectNode, JsonNode, String, boolean, FieldSchema, String, Instant)} for a subresource
     * (null for the main resource) and with explicit reset fields (fields this endpoint never owns).
     */
    public static ObjectNode apply(ObjectNode live, JsonNode applied, String manager, String subresource, boolean force,
                                   FieldSchema schema, String apiVersion, FieldSet resetFields, Instant now) {
        Objects.requireNonNull(now, "now");
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new IllegalArgumentException("apiVersion is required");
        }
        if (manager == null || manager.isEmpty()) {
            throw ApplyException.invalid("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }
        if (Values.deeperThan(applied, MAX_DEPTH)) {
            throw ApplyException.badRequest("the applied configuration is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (Values.deeperThan(live, STORED_DEPTH)) {
            throw ApplyException.internal("the stored object is nested deeper than " + MAX_DEPTH + " levels");
        }
        ObjectNode config = asConfig(applied);
        FieldSchema s = Typed.root(schema);
        FieldSet reset = resetFields == null ? FieldSet.EMPTY : resetFields;
        String sub = subresource == null || subresource.isEmpty() ? null : subresource;
        try {
            Typed.toFieldSet(config, s, true);
        } catch (Typed.ItemException e) {
            throw ApplyException.badRequest("failed to create typed patch object (" + describe(config) + "): " + e.getMessage());
        }

        ObjectNode liveObj = live == null ? JsonNodeFactory.instance.objectNode() : live.deepCopy();
        LinkedHashMap<String, ManagedFields.Entry> managed;
        try {
            managed = ManagedFields.decode(liveObj);
        } catch (IllegalArgumentException e) {
            throw ApplyException.internal("failed to decode managed fields: " + e.getMessage());
        }
        ManagedFields.remove(liveObj);

        if (managed.isEmpty() && live != null) {
            // An object nobody tracked yet: its current fields belong to "before-first-apply".
            managed = ManagedFields.update(managed, JsonNodeFactory.instance.objectNode(), liveObj,
                    ManagedFields.BEFORE_FIRST_APPLY, apiVersion, null, now, s, reset);
        }

        Outcome outcome;
        try {
            outcome = applyOnce(liveObj, config, managed, manager, sub, force, s, apiVersion, reset, now);
        } catch (ApplyConflictException conflict) {
            if (!KUBECTL.equals(manager)) {
                throw conflict;
            }
            // Upgrading from client-side apply: conflicts on fields whose live value is still the one in
            // the last-applied annotation are not conflicts for kubectl.
            FieldSet allowed = allowedByLastApplied(liveObj, s, apiVersion);
            if (allowed == null) {
                throw conflict;
            }
            List<ApplyConflictException.Conflict> remaining = new ArrayList<>();
            for (ApplyConflictException.Conflict c : conflict.conflicts()) {
                if (!allowed.has(c.path())) {
                    remaining.add(c);
                }
            }
            if (!remaining.isEmpty()) {
                throw new ApplyConflictException(remaining);
            }
            outcome = applyOnce(liveObj, config, managed, manager, sub, true, s, apiVersion, reset, now);
        }

        ObjectNode result = outcome.object;
        if (KUBECTL.equals(manager) && lastApplied(result) != null) {
            annotations(result).put(LAST_APPLIED_ANNOTATION, buildLastApplied(config));
        }
        return ManagedFields.write(result, new ArrayList<>(outcome.managed.values()));
    }

    private record Outcome(ObjectNode object, LinkedHashMap<String, ManagedFields.Entry> managed) {
    }

    private static Outcome applyOnce(ObjectNode liveObj, ObjectNode config, Map<String, ManagedFields.Entry> managed,
                                     String manager, String subresource, boolean force, FieldSchema s, String apiVersion,
                                     FieldSet reset, Instant now) {
        ObjectNode merged = (ObjectNode) Typed.merge(liveObj, config, s);
        String applierId = ManagedFields.identifier(manager, ManagedFields.APPLY, null, subresource);
        ManagedFields.Entry previous = managed.get(applierId);
        FieldSet configSet = Typed.toFieldSet(config, s, false).recursiveDifference(reset);

        LinkedHashMap<String, ManagedFields.Entry> managers = new LinkedHashMap<>(managed);
        managers.put(applierId, new ManagedFields.Entry(manager, ManagedFields.APPLY, apiVersion,
                previous == null ? null : previous.time(), configSet, subresource));

        ObjectNode newObj = prune(merged, managers, previous == null ? null : previous.fields(), s);
        managers = resolve(liveObj, newObj, managers, applierId, force, s, reset);

        boolean noOp = Values.equal(liveObj, newObj);
        ManagedFields.Entry mine = managers.get(applierId);
        if (mine != null) {
            FieldSet stripped = mine.fields().difference(ManagedFields.NEVER_OWNED);
            if (stripped.isEmpty()) {
                managers.remove(applierId);
            } else {
                managers.put(applierId, new ManagedFields.Entry(manager, ManagedFields.APPLY, apiVersion,
                        noOp ? mine.time() : now, stripped, subresource));
            }
        }
        return new Outcome(noOp ? liveObj.deepCopy() : newObj, managers);
    }

    /**
     * Removes what the applier applied last time but not now, unless another manager (or the new
     * configuration) still owns it ({@code Updater.prune}, {@code addBackOwnedItems}, {@code addBackDanglingItems}).
     */
    private static ObjectNode prune(ObjectNode merged, Map<String, ManagedFields.Entry> managers, FieldSet lastSet, FieldSchema s) {
        if (lastSet == null || lastSet.isEmpty()) {
            return merged;
        }
        FieldSet last = Typed.ensureNamedFieldsAreMembers(lastSet, s);
        JsonNode pruned = Typed.removeItems(merged, last, s);

        FieldSet owned = FieldSet.EMPTY;
        for (ManagedFields.Entry e : managers.values()) {
            owned = owned.union(e.fields());
        }
        FieldSet mergedSet = Typed.ensureNamedFieldsAreMembers(Typed.toFieldSet(merged, s, false), s);
        FieldSet prunedSet = Typed.ensureNamedFieldsAreMembers(Typed.toFieldSet(pruned, s, false), s);
        pruned = Typed.removeItems(merged,
                mergedSet.difference(prunedSet.union(Typed.ensureNamedFieldsAreMembers(owned, s))), s);

        FieldSet keptSet = Typed.ensureNamedFieldsAreMembers(Typed.toFieldSet(pruned, s, false), s);
        return (ObjectNode) Typed.removeItems(merged, mergedSet.difference(keptSet).intersection(last), s);
    }

    /**
     * Moves ownership for the change from {@code oldObj} to {@code newObj} ({@code Updater.update}): fields
     * other managers own that changed are conflicts (or, forced, leave their sets); removed fields leave
     * every other set; empty entries disappear.
     */
    private static LinkedHashMap<String, ManagedFields.Entry> resolve(JsonNode oldObj, JsonNode newObj,
                                                                      LinkedHashMap<String, ManagedFields.Entry> managers,
                                                                      String workflow, boolean force, FieldSchema s, FieldSet reset) {
        Typed.Comparison cmp = Typed.compare(oldObj, newObj, s).excluding(reset);
        FieldSet changed = cmp.modified().union(cmp.added());
        Map<String, FieldSet> conflicts = new LinkedHashMap<>();
        managers.forEach((id, e) -> {
            if (!id.equals(workflow)) {
                FieldSet c = e.fields().intersection(changed);
                if (!c.isEmpty()) {
                    conflicts.put(id, c);
                }
            }
        });
        if (!force && !conflicts.isEmpty()) {
            throw conflictError(conflicts, managers);
        }
        LinkedHashMap<String, ManagedFields.Entry> out = new LinkedHashMap<>();
        managers.forEach((id, e) -> {
            FieldSet f = e.fields();
            if (!id.equals(workflow)) {
                FieldSet c = conflicts.get(id);
                if (c != null) {
                    f = f.difference(c);
                }
                f = f.difference(cmp.removed());
            }
            if (!f.isEmpty()) {
                out.put(id, e.withFields(f));
            }
        });
        return out;
    }

    private static ApplyConflictException conflictError(Map<String, FieldSet> conflicts, Map<String, ManagedFields.Entry> managers) {
        List<String> ids = new ArrayList<>(conflicts.keySet());
        ids.sort(Json::compareGoStrings);
        List<ApplyConflictException.Conflict> list = new ArrayList<>();
        for (String id : ids) {
            ManagedFields.Entry e = managers.get(id);
            for (FieldPath p : conflicts.get(id).paths()) {
                list.add(new ApplyConflictException.Conflict(e.manager(), e.operation(), e.apiVersion(), e.subresource(), p));
            }
        }
        return new ApplyConflictException(list);
    }

    // ------------------------------------------------------------------ client-side apply interplay

    /**
     * The fields of the last-applied annotation whose live values still match it, or null when there is
     * no usable annotation for this API version ({@code lastAppliedManager.allowedConflictsFromLastApplied}).
     */
    private static FieldSet allowedByLastApplied(ObjectNode liveObj, FieldSchema s, String apiVersion) {
        String text = lastApplied(liveObj);
        if (text == null) {
            return null;
        }
        JsonNode last;
        try {
            last = MAPPER.readTree(text);
        } catch (Exception e) {
            return null;
        }
        if (last == null || !last.isObject() || !apiVersion.equals(last.path("apiVersion").asText(null))) {
            return null;
        }
        FieldSet set = Typed.toFieldSet(last, s, false);
        Typed.Comparison cmp = Typed.compare(last, liveObj, s);
        return set.difference(cmp.modified()).difference(cmp.added()).difference(cmp.removed());
    }

    private static String lastApplied(JsonNode object) {
        JsonNode v = object.path("metadata").path("annotations").get(LAST_APPLIED_ANNOTATION);
        return v != null && v.isTextual() && !v.textValue().isEmpty() ? v.textValue() : null;
    }

    private static ObjectNode annotations(ObjectNode object) {
        JsonNode meta = object.get("metadata");
        ObjectNode m = meta instanceof ObjectNode ? (ObjectNode) meta : object.putObject("metadata");
        JsonNode a = m.get("annotations");
        return a instanceof ObjectNode ? (ObjectNode) a : m.putObject("annotations");
    }

    /** The annotation value upstream writes: the applied configuration without the annotation, as Go encodes it. */
    static String buildLastApplied(ObjectNode config) {
        ObjectNode copy = config.deepCopy();
        JsonNode a = copy.path("metadata").get("annotations");
        if (a instanceof ObjectNode) {
            ((ObjectNode) a).remove(LAST_APPLIED_ANNOTATION);
        }
        return Values.goJson(copy) + "\n";
    }

    // ------------------------------------------------------------------ request checks

    private static ObjectNode asConfig(JsonNode applied) {
        if (applied == null || applied.isNull() || applied.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!applied.isObject()) {
            throw notAnObject(applied);
        }
        ObjectNode config = applied.deepCopy();
        JsonNode meta = config.get("metadata");
        if (meta instanceof ObjectNode) {
            JsonNode mf = meta.get("managedFields");
            if (mf != null && !mf.isNull()) {
                throw ApplyException.badRequest("metadata.managedFields must be nil");
            }
            ((ObjectNode) meta).remove("managedFields");
        }
        return config;
    }

    private static ApplyException notAnObject(JsonNode applied) {
        String goType;
        if (applied.isArray()) {
            goType = "array";
        } else if (applied.isTextual()) {
            goType = "string";
        } else if (applied.isNumber()) {
            goType = "number";
        } else if (applied.isBoolean()) {
            goType = "bool";
        } else {
            goType = Values.typeName(applied);
        }
        return ApplyException.badRequest("error decoding patch: json: cannot unmarshal " + goType
                + " into Go value of type map[string]interface {}");
    }

    private static String describe(JsonNode config) {
        JsonNode meta = config.path("metadata");
        String gvk = config.path("apiVersion").asText("") + ", Kind=" + config.path("kind").asText("");
        return meta.path("namespace").asText("") + "/" + meta.path("name").asText("") + "; " + gvk;
    }

    /**
     * Checks an applied configuration against the request, as the apiserver does before and around
     * apply: a JSON object, no {@code metadata.managedFields}, the request's apiVersion and kind, the
     * URL's name and (for namespaced requests) namespace.
     *
     * @param namespace the request's namespace, or null for cluster-scoped resources
     * @throws ApplyException 400 BadRequest with upstream's message
     */
    public static void validateAppliedObject(JsonNode applied, String apiVersion, String kind, String name, String namespace) {
        if (applied == null || !applied.isObject()) {
            if (applied != null && !applied.isNull() && !applied.isMissingNode()) {
                throw notAnObject(applied);
            }
            applied = JsonNodeFactory.instance.objectNode();
        }
        JsonNode mf = applied.path("metadata").get("managedFields");
        if (mf != null && !mf.isNull()) {
            throw ApplyException.badRequest("metadata.managedFields must be nil");
        }
        String gotVersion = applied.path("apiVersion").asText("");
        if (!gotVersion.equals(apiVersion)) {
            throw ApplyException.badRequest("Incorrect version specified in apply patch. Specified patch version: "
                    + gotVersion + ", expected: " + apiVersion);
        }
        String gotKind = applied.path("kind").asText("");
        if (!gotKind.equals(kind)) {
            throw ApplyException.badRequest("Incorrect kind specified in apply patch. Specified patch kind: "
                    + gotKind + ", expected: " + kind);
        }
        String gotName = applied.path("metadata").path("name").asText("");
        if (!gotName.equals(name)) {
            throw ApplyException.badRequest("the name of the object (" + gotName
                    + ") does not match the name on the URL (" + name + ")");
        }
        if (namespace != null) {
            JsonNode ns = applied.path("metadata").get("namespace");
            if (ns != null && !ns.isNull() && !ns.asText("").isEmpty() && !ns.asText("").equals(namespace)) {
                throw ApplyException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
        }
    }
}
