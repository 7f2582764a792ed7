package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import io.tinykube.server.schema.FieldSchema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code metadata.managedFields}: reading and writing its entries, and recording non-apply writes
 * (create, update, non-apply patch) as upstream's field manager does
 * ({@code apimachinery/pkg/util/managedfields/internal}: managedfields.go, fieldmanager.go,
 * managedfieldsupdater.go, stripmeta.go, capmanagers.go, skipnonapplied.go).
 */
public final class ManagedFields {
    private ManagedFields() {
    }

    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";
    public static final String FIELDS_V1 = "FieldsV1";

    /** Update entries kept before the oldest are merged into {@code ancient-changes}. */
    static final int MAX_UPDATE_MANAGERS = 10;
    static final String ANCIENT_CHANGES = "ancient-changes";
    static final String BEFORE_FIRST_APPLY = "before-first-apply";

    /** Fields never owned by anyone (stripmeta.go); removed path by path, not recursively. */
    static final FieldSet NEVER_OWNED = FieldSet.of(
            FieldPath.fields("apiVersion"),
            FieldPath.fields("kind"),
            FieldPath.fields("metadata"),
            FieldPath.fields("metadata", "name"),
            FieldPath.fields("metadata", "namespace"),
            FieldPath.fields("metadata", "creationTimestamp"),
            FieldPath.fields("metadata", "selfLink"),
            FieldPath.fields("metadata", "uid"),
            FieldPath.fields("metadata", "clusterName"),
            FieldPath.fields("metadata", "generation"),
            FieldPath.fields("metadata", "managedFields"),
            FieldPath.fields("metadata", "resourceVersion"));

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /**
     * One entry of {@code metadata.managedFields}. {@code time} and {@code subresource} may be null;
     * {@code operation} is {@link #APPLY} or {@link #UPDATE}.
     */
    public record Entry(String manager, String operation, String apiVersion, Instant time, FieldSet fields,
                        String subresource) {
        public Entry {
            manager = manager == null ? "" : manager;
            subresource = subresource == null || subresource.isEmpty() ? null : subresource;
            time = time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(fields, "fields");
        }

        public boolean applied() {
            return APPLY.equals(operation);
        }

        /**
         * Upstream's manager identity ({@code BuildManagerIdentifier}): manager, operation, the API
         * version for Update entries only, and subresource. Entries with the same identity are one entry.
         */
        public String identifier() {
            return ManagedFields.identifier(manager, operation, apiVersion, subresource);
        }

        Entry withFields(FieldSet f) {
            return new Entry(manager, operation, apiVersion, time, f, subresource);
        }

        /** The wire form, fields in upstream's order. */
        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            if (!manager.isEmpty()) {
                o.put("manager", manager);
            }
            o.put("operation", operation);
            if (apiVersion != null && !apiVersion.isEmpty()) {
                o.put("apiVersion", apiVersion);
            }
            if (time != null) {
                o.put("time", RFC3339.format(time));
            }
            o.put("fieldsType", FIELDS_V1);
            o.set("fieldsV1", fields.toFieldsV1());
            if (subresource != null) {
                o.put("subresource", subresource);
            }
            return o;
        }
    }

    static String identifier(String manager, String operation, String apiVersion, String subresource) {
        StringBuilder sb = new StringBuilder("{");
        boolean wrote = false;
        if (manager != null && !manager.isEmpty()) {
            sb.append("\"manager\":");
            Values.goJsonString(sb, manager);
            wrote = true;
        }
        if (operation != null && !operation.isEmpty()) {
            sb.append(wrote ? "," : "").append("\"operation\":");
            Values.goJsonString(sb, operation);
            wrote = true;
        }
        if (!APPLY.equals(operation) && apiVersion != null && !apiVersion.isEmpty()) {
            sb.append(wrote ? "," : "").append("\"apiVersion\":");
            Values.goJsonString(sb, apiVersion);
            wrote = true;
        }
        if (subresource != null && !subresource.isEmpty()) {
            sb.append(wrote ? "," : "").append("\"subresource\":");
            Values.goJsonString(sb, subresource);
        }
        return sb.append('}').toString();
    }

    // ------------------------------------------------------------------ reading and writing

    /**
     * The entries of {@code object}'s {@code metadata.managedFields}, validated as upstream does
     * (operation Apply or Update, a non-empty apiVersion, fieldsType FieldsV1, well-formed fieldsV1 and time).
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static List<Entry> read(JsonNode object) {
        return new ArrayList<>(decode(object).values());
    }

    /** Entries keyed by identifier, in input order; a later entry with the same identity replaces an earlier one. */
    static LinkedHashMap<String, Entry> decode(JsonNode object) {
        LinkedHashMap<String, Entry> out = new LinkedHashMap<>();
        JsonNode list = managedFieldsNode(object);
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("metadata.managedFields must be a list, got " + Values.typeName(list));
        }
        for (int i = 0; i < list.size(); i++) {
            Entry e = decodeEntry(list.get(i), i);
            out.put(e.identifier(), e);
        }
        return out;
    }

    private static JsonNode managedFieldsNode(JsonNode object) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode meta = object.get("metadata");
        return meta != null && meta.isObject() ? meta.get("managedFields") : null;
    }

    private static Entry decodeEntry(JsonNode e, int i) {
        String where = " in managed fields entry " + i;
        if (!e.isObject()) {
            throw new IllegalArgumentException("expected an object, got " + Values.typeName(e) + where);
        }
        String manager = optionalString(e, "manager", where);
        String operation = optionalString(e, "operation", where);
        if (!APPLY.equals(operation) && !UPDATE.equals(operation)) {
            throw new IllegalArgumentException("operation must be `Apply` or `Update`" + where);
        }
        String apiVersion = optionalString(e, "apiVersion", where);
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new IllegalArgumentException("apiVersion must not be empty" + where);
        }
        String fieldsType = optionalString(e, "fieldsType", where);
        if (fieldsType == null || fieldsType.isEmpty()) {
            throw new IllegalArgumentException("missing fieldsType in managed fields entry " + i);
        }
        if (!FIELDS_V1.equals(fieldsType)) {
            throw new IllegalArgumentException("invalid fieldsType " + Values.goQuote(fieldsType) + " in managed fields entry " + i);
        }
        Instant time = null;
        String t = optionalString(e, "time", where);
        if (t != null && !t.isEmpty()) {
            time = parseTime(t);
            if (time == null) {
                throw new IllegalArgumentException("invalid time " + Values.goQuote(t) + where);
            }
        }
        String subresource = optionalString(e, "subresource", where);
        FieldSet fields;
        try {
            fields = FieldSet.fromFieldsV1(e.get("fieldsV1"));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("error decoding fieldsV1" + where + ": " + ex.getMessage());
        }
        return new Entry(manager, operation, apiVersion, time, fields, subresource);
    }

    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt](\\d{1,2})(:\\d{2}:\\d{2}(?:\\.\\d+)?)([Zz]|[+-]\\d{2}:\\d{2})");

    /** RFC 3339 as Go's time.Parse reads it (a one-digit hour is accepted), or null. */
    static Instant parseTime(String t) {
        java.util.regex.Matcher m = TIME.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String hour = m.group(2).length() == 1 ? "0" + m.group(2) : m.group(2);
        String zone = m.group(4).equalsIgnoreCase("z") ? "Z" : m.group(4);
        try {
            return OffsetDateTime.parse(m.group(1) + "T" + hour + m.group(3) + zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String optionalString(JsonNode e, String field, String where) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got " + Values.typeName(v) + where);
        }
        return v.textValue();
    }

    /**
     * Sets {@code object}'s {@code metadata.managedFields} to {@code entries} in upstream's order
     * (Apply before Update, then oldest first, then manager, apiVersion, subresource); removes it when
     * there are none. Returns {@code object}.
     */
    public static ObjectNode write(ObjectNode object, List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator
                .comparing(Entry::operation, Json::compareGoStrings)
                .thenComparingLong(e -> e.time() == null ? 0 : e.time().getEpochSecond())
                .thenComparing(Entry::manager, Json::compareGoStrings)
                .thenComparing(e -> e.apiVersion() == null ? "" : e.apiVersion(), Json::compareGoStrings)
                .thenComparing(e -> e.subresource() == null ? "" : e.subresource(), Json::compareGoStrings));
        JsonNode meta = object.get("metadata");
        if (sorted.isEmpty()) {
            if (meta instanceof ObjectNode) {
                ((ObjectNode) meta).remove("managedFields");
            }
            return object;
        }
        ObjectNode m = meta instanceof ObjectNode ? (ObjectNode) meta : object.putObject("metadata");
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        sorted.forEach(e -> list.add(e.toJson()));
        m.set("managedFields", list);
        return object;
    }

    static void remove(ObjectNode object) {
        JsonNode meta = object.get("metadata");
        if (meta instanceof ObjectNode) {
            ((ObjectNode) meta).remove("managedFields");
        }
    }

    /**
     * The fields a write to the main resource or a subresource never owns (upstream's reset fields):
     * {@code status} for the main resource, {@code spec} for {@code status}, nothing otherwise.
     * Kinds whose strategies reset other fields (or whose status is ordinary, as for CRDs without a
     * status subresource) should pass their own set to the overloads that take one.
     */
    public static FieldSet defaultResetFields(String subresource) {
        if (subresource == null || subresource.isEmpty()) {
            return FieldSet.of(FieldPath.fields("status"));
        }
        if (subresource.equals("status")) {
            return FieldSet.of(FieldPath.fields("spec"));
        }
        return FieldSet.EMPTY;
    }

    // ------------------------------------------------------------------ non-apply writes

    /**
     * Records a non-apply write (create: {@code oldObject} null; update; non-apply patch) and returns a
     * copy of {@code newObject} carrying the new {@code metadata.managedFields}. Fields the write
     * changed, added or (on create) set become owned by {@code manager} with operation Update (merged
     * into its entry for this apiVersion and subresource, time set to {@code now}) and leave every other
     * manager's set; removed fields leave every set. A write that changes nothing ownable leaves
     * managedFields as they were.
     *
     * <p>As upstream: the managedFields sent in {@code newObject} are the starting point when valid and
     * non-empty ({@code []} or {@code [{}]} resets them), else the old object's (unparseable ones count
     * as none); an update of an object that has no managedFields is not tracked; for a subresource the
     * request's managedFields are ignored; more than 10 Update entries are merged oldest first into
     * {@code ancient-changes}.
     *
     * @throws ApplyException (400) only for objects nested deeper than {@link ServerSideApply#MAX_DEPTH}
     */
    public static ObjectNode recordUpdate(ObjectNode oldObject, ObjectNode newObject, String manager, String apiVersion,
                                          String subresource, Instant now, FieldSchema schema) {
        return recordUpdate(oldObject, newObject, manager, apiVersion, subresource, now, schema, defaultResetFields(subresource));
    }

    /** {@link #recordUpdate(ObjectNode, ObjectNode, String, String, String, Instant, FieldSchema)} with explicit reset fields. */
    public static ObjectNode recordUpdate(ObjectNode oldObject, ObjectNode newObject, String manager, String apiVersion,
                                          String subresource, Instant now, FieldSchema schema, FieldSet resetFields) {
        Objects.requireNonNull(newObject, "newObject");
        Objects.requireNonNull(now, "now");
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new IllegalArgumentException("apiVersion is required");
        }
        if (Values.deeperThan(newObject, ServerSideApply.STORED_DEPTH) || Values.deeperThan(oldObject, ServerSideApply.STORED_DEPTH)) {
            throw ApplyException.badRequest("the object is nested deeper than " + ServerSideApply.MAX_DEPTH + " levels");
        }
        ObjectNode result = newObject.deepCopy();
        LinkedHashMap<String, Entry> managed = startingPoint(oldObject, newObject, subresource != null && !subresource.isEmpty());
        remove(result);
        if (managed.isEmpty() && oldObject != null) {
            return result; // skipNonApplied: an update of an untracked object stays untracked
        }
        ObjectNode old = oldObject == null ? JsonNodeFactory.instance.objectNode() : oldObject.deepCopy();
        remove(old);
        LinkedHashMap<String, Entry> updated = update(managed, old, result, manager, apiVersion, subresource, now,
                Typed.root(schema), resetFields == null ? FieldSet.EMPTY : resetFields);
        return write(result, new ArrayList<>(updated.values()));
    }

    private static LinkedHashMap<String, Entry> startingPoint(ObjectNode oldObject, ObjectNode newObject, boolean ignoreRequest) {
        if (!ignoreRequest) {
            JsonNode sent = managedFieldsNode(newObject);
            if (isReset(sent)) {
                return new LinkedHashMap<>();
            }
            try {
                LinkedHashMap<String, Entry> m = decode(newObject);
                if (!m.isEmpty()) {
                    return m;
                }
            } catch (IllegalArgumentException e) {
                // fall back to the live object's, so clients that mangle managedFields cannot erase them
            }
        }
        try {
            return decode(oldObject);
        } catch (IllegalArgumentException e) {
            return new LinkedHashMap<>();
        }
    }

    private static boolean isReset(JsonNode sent) {
        if (sent == null || !sent.isArray()) {
            return false;
        }
        return sent.isEmpty() || (sent.size() == 1 && sent.get(0).isObject() && sent.get(0).isEmpty());
    }

    /**
     * Ownership after {@code oldObject} became {@code newObject} through a non-apply write by
     * {@code manager} (merge.Updater.Update with managedFieldsUpdater, stripMeta and capManagers).
     */
    static LinkedHashMap<String, Entry> update(Map<String, Entry> managed, JsonNode oldObject, JsonNode newObject,
                                               String manager, String apiVersion, String subresource, Instant now,
                                               FieldSchema schema, FieldSet resetFields) {
        Typed.Comparison cmp = Typed.compare(oldObject, newObject, schema).excluding(resetFields);
        FieldSet changed = cmp.modified().union(cmp.added());
        LinkedHashMap<String, Entry> out = new LinkedHashMap<>();
        managed.forEach((id, e) -> {
            FieldSet rest = e.fields().difference(changed).difference(cmp.removed());
            if (!rest.isEmpty()) {
                out.put(id, e.withFields(rest));
            }
        });
        FieldSet self = changed.difference(cmp.removed()).recursiveDifference(resetFields).difference(NEVER_OWNED);
        if (!self.isEmpty()) {
            Entry mine = new Entry(manager, UPDATE, apiVersion, now, self, subresource);
            Entry previous = out.get(mine.identifier());
            if (previous != null) {
                mine = mine.withFields(self.union(previous.fields()));
            }
            out.put(mine.identifier(), mine);
        }
        capUpdateManagers(out);
        return out;
    }

    /** Merges the oldest Update entries into per-version {@code ancient-changes} buckets (capmanagers.go). */
    static void capUpdateManagers(LinkedHashMap<String, Entry> managed) {
        List<String> updaters = new ArrayList<>();
        managed.forEach((id, e) -> {
            if (!e.applied()) {
                updaters.add(id);
            }
        });
        if (updaters.size() <= MAX_UPDATE_MANAGERS) {
            return;
        }
        updaters.sort(Comparator
                .comparingLong((String id) -> {
                    Instant t = managed.get(id).time();
                    return t == null ? 0 : t.getEpochSecond();
                })
                .thenComparing(Json::compareGoStrings));
        Map<String, String> versionToFirst = new HashMap<>();
        int length = updaters.size();
        for (int i = 0; i < updaters.size() && length > MAX_UPDATE_MANAGERS; i++) {
            String id = updaters.get(i);
            Entry vs = managed.get(id);
            if (vs == null) {
                continue;
            }
            String version = vs.apiVersion() == null ? "" : vs.apiVersion();
            String bucket = identifier(ANCIENT_CHANGES, UPDATE, version, null);
            String first = versionToFirst.get(version);
            if (first == null) {
                versionToFirst.put(version, id);
                continue;
            }
            Entry bucketEntry = managed.get(bucket);
            if (bucketEntry == null) {
                Entry firstEntry = managed.remove(first);
                bucketEntry = new Entry(ANCIENT_CHANGES, UPDATE, version, null, firstEntry.fields(), null);
            }
            managed.remove(id);
            managed.put(bucket, new Entry(ANCIENT_CHANGES, UPDATE, version, vs.time(), vs.fields().union(bucketEntry.fields()), null));
            length--;
        }
    }
}
