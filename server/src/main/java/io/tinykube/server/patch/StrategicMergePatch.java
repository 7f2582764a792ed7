package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.schema.FieldSchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Strategic merge patch as upstream's apiserver applies it ({@code StrategicMergeMapPatch} in
 * {@code k8s.io/apimachinery/pkg/util/strategicpatch}, with {@code MergeParallelList} and
 * {@code IgnoreUnmatchedNulls}), driven by a {@link FieldSchema} instead of Go struct tags:
 * <ul>
 *   <li>maps merge recursively and a null member deletes; a field whose schema says {@code replace} is
 *       replaced;</li>
 *   <li>lists whose field has {@code patchStrategy: merge} merge: lists of objects by the
 *       {@code patchMergeKey}, lists of scalars as a set; other lists are replaced;</li>
 *   <li>directives: {@code $patch: replace|delete} on a map, {@code $patch: delete|replace} on a list item,
 *       {@code $retainKeys}, {@code $deleteFromPrimitiveList/<field>}, {@code $setElementOrder/<field>};
 *       the order of a merged list follows {@code $setElementOrder}, then the patch, then the live object;</li>
 *   <li>a field the schema does not know (or an UNKNOWN schema) merges as a JSON merge patch would (maps
 *       merge, lists are replaced), as upstream does for a nil OpenAPI schema.</li>
 * </ul>
 * Errors carry upstream's messages and codes (see {@link PatchException}).
 */
public final class StrategicMergePatch {
    static final String DIRECTIVE = "$patch";
    static final String DELETE = "delete";
    static final String REPLACE = "replace";
    static final String MERGE = "merge";
    static final String RETAIN_KEYS_STRATEGY = "retainKeys";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";

    // mergepatch's sentinel errors; the apiserver answers 400 for the first four and 422 for lists of lists.
    static final String ERR_BAD_PATCH_FORMAT_FOR_PRIMITIVE_LIST = "invalid patch format of primitive list";
    static final String ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS = "invalid patch format of retainKeys";
    static final String ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST = "invalid patch format of setElementOrder list";
    static final String ERR_NO_LIST_OF_LISTS = "lists of lists are not supported";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MAP_TYPE = GoValues.Type.MAP.goName;
    private static final String SLICE_TYPE = GoValues.Type.SLICE.goName;

    private StrategicMergePatch() {
    }

    /** Applies {@code patch} to a copy of {@code original}; neither argument is modified. */
    public static ObjectNode apply(ObjectNode original, ObjectNode patch, FieldSchema schema) {
        return mergeMap(original.deepCopy(), patch.deepCopy(), Lookup.of(schema));
    }

    /** Merges in place: both arguments are consumed and may be modified or returned. */
    static ObjectNode applyInPlace(ObjectNode original, ObjectNode patch, FieldSchema schema) {
        return mergeMap(original, patch, Lookup.of(schema));
    }

    // ---------------------------------------------------------------- schema lookup

    /** The patch metadata of one field: the subschema to recurse with, its strategies and merge key. */
    private record Meta(Lookup sub, List<String> strategies, String mergeKey) {
    }

    /** upstream's {@code LookupPatchMeta}, answered from a {@link FieldSchema}. */
    private record Lookup(FieldSchema schema) {
        static final Lookup UNKNOWN = new Lookup(FieldSchema.UNKNOWN);

        static Lookup of(FieldSchema schema) {
            return schema == null ? UNKNOWN : new Lookup(schema);
        }

        private static Meta meta(FieldSchema field, FieldSchema sub) {
            String strategy = field.patchStrategy();
            List<String> strategies = strategy == null || strategy.isEmpty()
                    ? List.of() : Arrays.asList(strategy.split(",", -1));
            String key = field.patchMergeKey();
            return new Meta(of(sub), strategies, key == null ? "" : key);
        }

        private FieldSchema field(String key) {
            switch (schema.shape()) {
                case OBJECT:
                    return schema.property(key);
                case MAP:
                    return schema.elements();
                default:
                    return null;
            }
        }

        /** The schema and metadata of a map-valued field. */
        Meta forStruct(String key) {
            FieldSchema f = field(key);
            if (f == null) {
                return new Meta(UNKNOWN, List.of(), "");
            }
            if (schema.shape() == FieldSchema.Shape.MAP) {
                return new Meta(of(f), List.of(), "");
            }
            return meta(f, f);
        }

        /** The element schema and metadata of a list-valued field. */
        Meta forSlice(String key) {
            FieldSchema f = field(key);
            if (f == null) {
                return new Meta(UNKNOWN, List.of(), "");
            }
            FieldSchema elements = f.elements();
            if (schema.shape() == FieldSchema.Shape.MAP) {
                return new Meta(of(elements), List.of(), "");
            }
            return meta(f, elements);
        }

        /** What upstream's {@code Name()} returns for a struct-backed schema: the Go kind. */
        String name() {
            switch (schema.shape()) {
                case OBJECT:
                    return "struct";
                case MAP:
                    return "map";
                case ARRAY:
                    return "slice";
                case SCALAR:
                    return "string";
                default:
                    return "interface";
            }
        }
    }

    /** {@code extractRetainKeysPatchStrategy}: the strategy other than retainKeys. */
    private static String strategy(List<String> strategies) {
        switch (strategies.size()) {
            case 0:
                return "";
            case 1:
                return RETAIN_KEYS_STRATEGY.equals(strategies.get(0)) ? "" : strategies.get(0);
            case 2:
                if (RETAIN_KEYS_STRATEGY.equals(strategies.get(0))) {
                    return strategies.get(1);
                }
                if (RETAIN_KEYS_STRATEGY.equals(strategies.get(1))) {
                    return strategies.get(0);
                }
                // fall through
            default:
                throw PatchException.plain("unexpected patch strategy: [" + String.join(" ", strategies) + "]");
        }
    }

    // ---------------------------------------------------------------- maps

    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, Lookup schema) {
        if (patch.has(DIRECTIVE)) {
            return handleDirectiveInMergeMap(patch.get(DIRECTIVE), patch);
        }
        if (original == null) {
            original = NODES.objectNode();
        }
        applyRetainKeysDirective(original, patch);
        mergePatchIntoOriginal(original, patch, schema);

        for (String key : new ArrayList<>(fieldNames(patch))) {
            JsonNode patchV = patch.get(key);
            String k = key;
            boolean isDeleteList = false;
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                String noPrefix = extractKey(key, DELETE_FROM_PRIMITIVE_LIST);
                isDeleteList = true;
                if (!noPrefix.isEmpty()) {
                    k = noPrefix;
                }
            }
            if (patchV.isNull()) {
                original.remove(k);
                continue;
            }
            JsonNode originalV = original.get(k);
            if (originalV == null || GoValues.typeOf(originalV) != GoValues.typeOf(patchV)) {
                if (!isDeleteList) {
                    discardNullValues(patchV);
                    original.set(k, patchV);
                }
                continue;
            }
            switch (GoValues.typeOf(originalV)) {
                case MAP: {
                    Meta meta = schema.forStruct(k);
                    String strategy = strategy(meta.strategies());
                    original.set(k, REPLACE.equals(strategy) ? patchV
                            : mergeMap((ObjectNode) originalV, (ObjectNode) patchV, meta.sub()));
                    break;
                }
                case SLICE: {
                    Meta meta = schema.forSlice(k);
                    String strategy = strategy(meta.strategies());
                    original.set(k, mergeSliceHandler(originalV, patchV, meta.sub(), strategy, meta.mergeKey(),
                            isDeleteList, null));
                    break;
                }
                default:
                    original.set(k, patchV);
            }
        }
        return original;
    }

    private static ObjectNode handleDirectiveInMergeMap(JsonNode directive, ObjectNode patch) {
        if (isText(directive, REPLACE)) {
            patch.remove(DIRECTIVE);
            return patch;
        }
        if (isText(directive, DELETE)) {
            return NODES.objectNode();
        }
        throw errBadPatchType(directive, patch);
    }

    private static PatchException errBadPatchType(JsonNode directive, JsonNode map) {
        return PatchException.plain("unknown patch type: " + GoValues.s(directive) + " in map: " + GoValues.v(map));
    }

    /** Removes every null member from a value taken whole from the patch (maps and maps inside lists). */
    private static void discardNullValues(JsonNode v) {
        if (v.isObject()) {
            List<String> nulls = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    discardNullValues(e.getValue());
                }
            }
            ((ObjectNode) v).remove(nulls);
        } else if (v.isArray()) {
            for (JsonNode e : v) {
                discardNullValues(e);
            }
        }
    }

    private static void applyRetainKeysDirective(ObjectNode original, ObjectNode patch) {
        if (!patch.has(RETAIN_KEYS)) {
            return;
        }
        JsonNode retain = patch.remove(RETAIN_KEYS);
        if (!retain.isArray()) {
            throw PatchException.badRequest(ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS);
        }
        Set<String> keys = new HashSet<>();
        for (JsonNode v : retain) {
            GoValues.requireHashable(v);
            if (v.isTextual()) {
                keys.add(v.textValue());
            }
        }
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String k = e.getKey();
            if (e.getValue().isNull() || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (!keys.contains(k)) {
                throw PatchException.badRequest(ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS);
            }
        }
        List<String> clear = new ArrayList<>();
        for (String k : fieldNames(original)) {
            if (!keys.contains(k)) {
                clear.add(k);
            }
        }
        original.remove(clear);
    }

    /** Processes each {@code $setElementOrder/<field>} together with {@code <field>} of the patch. */
    private static void mergePatchIntoOriginal(ObjectNode original, ObjectNode patch, Lookup schema) {
        for (String key : new ArrayList<>(fieldNames(patch))) {
            if (!key.startsWith(SET_ELEMENT_ORDER) || !patch.has(key)) {
                continue;
            }
            JsonNode setElementOrder = patch.remove(key);
            if (!setElementOrder.isArray()) {
                throw errBadArgType(SLICE_TYPE, setElementOrder);
            }
            List<JsonNode> order = list(setElementOrder);
            String originalKey = extractKey(key, SET_ELEMENT_ORDER);
            JsonNode originalList = original.get(originalKey);
            JsonNode patchList = patch.get(originalKey);
            boolean foundOriginal = originalList != null;
            boolean foundPatch = patchList != null;
            List<JsonNode> originalValue = List.of();
            List<JsonNode> patchValue = List.of();
            if (foundOriginal) {
                if (!originalList.isArray()) {
                    throw errBadArgType(SLICE_TYPE, originalList);
                }
                originalValue = list(originalList);
            }
            if (foundPatch) {
                if (!patchList.isArray()) {
                    throw errBadArgType(SLICE_TYPE, patchList);
                }
                patchValue = list(patchList);
            }
            Meta meta = schema.forSlice(originalKey);
            String strategy = strategy(meta.strategies());
            String mergeKey = meta.mergeKey();
            validatePatchWithSetOrderList(patchValue, order, mergeKey);

            List<JsonNode> merged;
            if (foundOriginal && !foundPatch) {
                merged = originalValue;
            } else if (!foundOriginal && foundPatch) {
                merged = patchValue;
            } else if (foundOriginal) {
                // Upstream merges with the live list's own backing array, and what the merge does to it
                // (deletions shift it, additions fill the freed room) shows here, in the order used below.
                JsonNode[] live = originalValue.toArray(new JsonNode[0]);
                merged = list(mergeSliceHandler(originalList, patchList, meta.sub(), strategy, mergeKey, false, live));
                originalValue = Arrays.asList(live);
            } else {
                continue;
            }
            if (originalValue.isEmpty() && patchValue.isEmpty()) {
                // Upstream fails here with "no elements in any of the given slices"; it never meets an empty
                // list in a stored object (typed objects omit them), so keep the list as it is instead.
                original.set(originalKey, array(merged));
                patch.remove(originalKey);
                continue;
            }
            List<JsonNode> patchItems = new ArrayList<>();
            List<JsonNode> serverOnly = new ArrayList<>();
            if (mergeKey.isEmpty()) {
                partitionPrimitives(merged, order, patchItems, serverOnly);
            } else {
                partitionMaps(merged, order, mergeKey, patchItems, serverOnly);
            }
            GoValues.Type kind = sliceElementType(originalValue, patchValue);
            original.set(originalKey, array(normalizeElementOrder(patchItems, serverOnly, order, originalValue,
                    mergeKey, kind)));
            patch.remove(originalKey);
        }
    }

    private static void validatePatchWithSetOrderList(List<JsonNode> patchList, List<JsonNode> setOrder,
                                                      String mergeKey) {
        if (setOrder.isEmpty() || patchList.isEmpty()) {
            return;
        }
        List<JsonNode> nonDelete = patchList;
        if (!mergeKey.isEmpty()) {
            nonDelete = new ArrayList<>();
            extractToDeleteItems(patchList, nonDelete, new ArrayList<>());
        }
        int p = 0;
        int s = 0;
        while (p < nonDelete.size() && s < setOrder.size()) {
            if (containsDirectiveMarker(nonDelete.get(p))) {
                p++;
                continue;
            }
            if (mergeKeyValueEqual(nonDelete.get(p), setOrder.get(s), mergeKey)) {
                p++;
            }
            s++;
        }
        if (p < nonDelete.size() && s >= setOrder.size()) {
            throw PatchException.plain("The order in patch list:\n" + GoValues.v(array(patchList)) + "\n doesn't match "
                    + SET_ELEMENT_ORDER + " list:\n" + GoValues.v(array(setOrder)) + "\n");
        }
    }

    // ---------------------------------------------------------------- lists

    /**
     * Merges two lists by the field's strategy. {@code live}, when not null, is the caller's view of the original
     * list's Go backing array, which the merge updates the way upstream's in-place slice operations do.
     */
    private static JsonNode mergeSliceHandler(JsonNode original, JsonNode patch, Lookup schema, String strategy,
                                              String mergeKey, boolean isDeleteList, JsonNode[] live) {
        if (!MERGE.equals(strategy)) {
            return patch;
        }
        return array(mergeSlice(list(original), list(patch), schema, mergeKey, isDeleteList, live));
    }

    private static List<JsonNode> mergeSlice(List<JsonNode> original, List<JsonNode> patch, Lookup schema,
                                             String mergeKey, boolean isDeleteList, JsonNode[] live) {
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        GoValues.Type kind = sliceElementType(original, patch);
        List<JsonNode> merged;
        if (kind != GoValues.Type.MAP) {
            if (isDeleteList) {
                return deleteFromSlice(original, patch);
            }
            merged = deduplicateScalars(original, patch);
        } else {
            if (mergeKey.isEmpty()) {
                throw PatchException.plain("cannot merge lists without merge key for " + schema.name());
            }
            // mergeSliceWithSpecialElements: deletions happen in patch order as the directives are met.
            Deletions deletions = new Deletions(original, mergeKey, live);
            List<JsonNode> withoutSpecial = new ArrayList<>();
            boolean replace = false;
            for (JsonNode v : patch) {
                if (!v.has(DIRECTIVE)) {
                    withoutSpecial.add(v);
                    continue;
                }
                JsonNode directive = v.get(DIRECTIVE);
                if (isText(directive, DELETE)) {
                    if (!v.has(mergeKey)) {
                        throw errNoMergeKey(v, mergeKey);
                    }
                    deletions.deleteMatching(v.get(mergeKey));
                } else if (isText(directive, REPLACE)) {
                    replace = true;
                } else if (isText(directive, MERGE)) {
                    throw PatchException.plain("merging lists cannot yet be specified in the patch");
                } else {
                    throw errBadPatchType(directive, v);
                }
            }
            List<JsonNode> remaining = deletions.remaining();
            boolean sharesLive = live != null && !replace;
            if (replace) {
                original = withoutSpecial;
                patch = List.of();
            } else {
                original = remaining;
                patch = withoutSpecial;
            }
            // mergeSliceWithoutSpecialElements: merge into the first item with the same key, else append.
            merged = new ArrayList<>(original);
            KeyIndex byKey = new KeyIndex();
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).has(mergeKey)) {
                    byKey.add(merged.get(i).get(mergeKey), i);
                }
            }
            for (JsonNode v : patch) {
                if (!v.has(mergeKey)) {
                    throw errNoMergeKey(v, mergeKey);
                }
                int at = byKey.first(v.get(mergeKey));
                if (at >= 0) {
                    merged.set(at, mergeMap((ObjectNode) merged.get(at), (ObjectNode) v, schema));
                } else {
                    if (sharesLive && merged.size() < live.length) {
                        // append within the capacity deletions freed: the new item lands in the live array.
                        live[merged.size()] = v;
                    }
                    byKey.add(v.get(mergeKey), merged.size());
                    merged.add(v);
                }
            }
        }
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        if (mergeKey.isEmpty()) {
            partitionPrimitives(merged, patch, patchItems, serverOnly);
        } else {
            partitionMaps(merged, patch, mergeKey, patchItems, serverOnly);
        }
        return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
    }

    /** The common dynamic type of the elements of all the lists; lists of lists and mixed lists fail. */
    private static GoValues.Type sliceElementType(List<JsonNode> first, List<JsonNode> second) {
        GoValues.Type prev = null;
        for (List<JsonNode> slice : List.of(first, second)) {
            for (JsonNode v : slice) {
                GoValues.Type current = GoValues.typeOf(v);
                if (prev == null) {
                    if (current == GoValues.Type.NIL) {
                        throw PatchException.panic("runtime error: invalid memory address or nil pointer dereference");
                    }
                    prev = current;
                    if (prev == GoValues.Type.SLICE) {
                        throw PatchException.unprocessable(ERR_NO_LIST_OF_LISTS);
                    }
                } else if (prev != current) {
                    throw PatchException.plain("list element types are not identical: "
                            + GoValues.v(List.of(first, second)));
                }
            }
        }
        if (prev == null) {
            throw PatchException.plain("no elements in any of the given slices");
        }
        return prev;
    }

    /**
     * upstream's {@code deleteMatchingEntries} on the live list, directive after directive: each removes every
     * item whose merge key equals its value. Go does it with {@code append(s[:i], s[i+1:]...)} on the live
     * list's backing array, which the caller may still be looking at through {@code live}: the tail moves down
     * and the slot past the new end keeps the list's last item of that moment. This keeps that effect in linear
     * time.
     */
    private static final class Deletions {
        private final List<JsonNode> original;
        private final JsonNode[] live;
        private final boolean[] removed;
        private final KeyIndex byKey = new KeyIndex();
        private int removedCount;
        private int last;

        Deletions(List<JsonNode> original, String mergeKey, JsonNode[] live) {
            this.original = original;
            this.live = live;
            this.removed = new boolean[original.size()];
            this.last = original.size() - 1;
            for (int i = 0; i < original.size(); i++) {
                JsonNode item = original.get(i);
                if (!item.isObject()) {
                    throw PatchException.plain("value for key " + i + " is not a map");
                }
                if (item.has(mergeKey)) {
                    byKey.add(item.get(mergeKey), i);
                }
            }
        }

        void deleteMatching(JsonNode value) {
            for (int i : byKey.all(value)) {
                if (removed[i]) {
                    continue;
                }
                if (live != null) {
                    live[original.size() - 1 - removedCount] = original.get(last);
                }
                removed[i] = true;
                removedCount++;
                while (last >= 0 && removed[last]) {
                    last--;
                }
            }
        }

        List<JsonNode> remaining() {
            List<JsonNode> kept = new ArrayList<>(original.size() - removedCount);
            for (int i = 0; i < original.size(); i++) {
                if (!removed[i]) {
                    kept.add(original.get(i));
                }
            }
            if (live != null) {
                for (int i = 0; i < kept.size(); i++) {
                    live[i] = kept.get(i);
                }
            }
            return kept;
        }
    }

    /** {@code deleteFromSlice}: the items of {@code current} not in {@code toDelete} (a Go map lookup). */
    private static List<JsonNode> deleteFromSlice(List<JsonNode> current, List<JsonNode> toDelete) {
        for (JsonNode d : toDelete) {
            GoValues.requireHashable(d);
        }
        KeyIndex deleted = KeyIndex.ofValues(toDelete);
        List<JsonNode> kept = new ArrayList<>(current.size());
        for (JsonNode v : current) {
            if (!deleted.contains(v)) {
                kept.add(v);
            }
        }
        return kept;
    }

    /**
     * The union of two scalar lists without duplicates. upstream's in-place deduplication moves items around;
     * the order does not matter, since every item is then placed by its position in the patch or the live list.
     */
    private static List<JsonNode> deduplicateScalars(List<JsonNode> original, List<JsonNode> patch) {
        KeyIndex seen = new KeyIndex();
        List<JsonNode> unique = new ArrayList<>(original.size() + patch.size());
        for (List<JsonNode> list : List.of(original, patch)) {
            for (JsonNode v : list) {
                if (seen.first(v) < 0) {
                    seen.add(v, unique.size());
                    unique.add(v);
                }
            }
        }
        return unique;
    }

    /**
     * {@code findMapInSliceBasedOnKeyValue} over a whole list: the first map having {@code key} equal to the
     * looked-up value. Like upstream's scan, it fails at the first element that is not a map unless a match
     * comes before it.
     */
    private static final class MapFinder {
        private final KeyIndex byKey = new KeyIndex();
        private int firstNonMap = -1;

        MapFinder(List<JsonNode> list, String key) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode v = list.get(i);
                if (!v.isObject()) {
                    if (firstNonMap < 0) {
                        firstNonMap = i;
                    }
                } else if (v.has(key) && firstNonMap < 0) {
                    byKey.add(v.get(key), i);
                }
            }
        }

        boolean contains(JsonNode value) {
            int at = byKey.first(value);
            if (at < 0 && firstNonMap >= 0) {
                throw PatchException.plain("value for key " + firstNonMap + " is not a map");
            }
            return at >= 0;
        }
    }

    private static void partitionPrimitives(List<JsonNode> merged, List<JsonNode> by, List<JsonNode> in,
                                            List<JsonNode> out) {
        for (JsonNode b : by) {
            GoValues.requireHashable(b);
        }
        KeyIndex present = KeyIndex.ofValues(by);
        for (JsonNode v : merged) {
            (present.contains(v) ? in : out).add(v);
        }
    }

    private static void partitionMaps(List<JsonNode> merged, List<JsonNode> by, String mergeKey, List<JsonNode> in,
                                      List<JsonNode> out) {
        MapFinder finder = new MapFinder(by, mergeKey);
        for (JsonNode v : merged) {
            if (!v.isObject()) {
                throw errBadArgType(MAP_TYPE, v);
            }
            if (!v.has(mergeKey)) {
                throw errNoMergeKey(v, mergeKey);
            }
            (finder.contains(v.get(mergeKey)) ? in : out).add(v);
        }
    }

    // ---------------------------------------------------------------- ordering

    /**
     * upstream's {@code normalizeElementOrder}: the patch items sorted by the patch order, the server-only items
     * by the live order, then the two interleaved so that each keeps its relative order and server-only items
     * stay where the live list had them relative to patch items.
     */
    private static List<JsonNode> normalizeElementOrder(List<JsonNode> patch, List<JsonNode> serverOnly,
                                                        List<JsonNode> patchOrder, List<JsonNode> serverOrder,
                                                        String mergeKey, GoValues.Type kind) {
        List<JsonNode> sortedPatch = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
        List<JsonNode> sortedServer = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
        return mergeSortedSlice(sortedServer, sortedPatch, serverOrder, mergeKey, kind);
    }

    private static List<JsonNode> normalizeSliceOrder(List<JsonNode> toSort, List<JsonNode> order, String mergeKey,
                                                      GoValues.Type kind) {
        List<JsonNode> sorted = new ArrayList<>(toSort);
        List<JsonNode> toDelete = new ArrayList<>();
        if (kind == GoValues.Type.MAP) {
            validateMergeKeyInList(mergeKey, toSort);
            validateMergeKeyInList(mergeKey, order);
            sorted = new ArrayList<>();
            extractToDeleteItems(toSort, sorted, toDelete);
        }
        List<JsonNode> list = sorted;
        KeyIndex positions = positions(order, mergeKey, kind);
        GoSort.stable(list, (i, j) -> {
            int ii = positions.first(keyOf(list.get(i), mergeKey, kind));
            if (ii >= 0) {
                int ij = positions.first(keyOf(list.get(j), mergeKey, kind));
                if (ij >= 0) {
                    return ii < ij;
                }
            }
            return true;
        });
        list.addAll(toDelete);
        return list;
    }

    private static List<JsonNode> mergeSortedSlice(List<JsonNode> left, List<JsonNode> right,
                                                   List<JsonNode> serverOrder, String mergeKey, GoValues.Type kind) {
        int size = left.size() + right.size();
        KeyIndex positions = positions(serverOrder, mergeKey, kind);
        List<JsonNode> s = new ArrayList<>(size);
        int i = 0;
        int j = 0;
        for (int k = 0; k < size; k++) {
            if (i >= left.size() && j < right.size()) {
                s.add(right.get(j++));
            } else if (j >= right.size() && i < left.size()) {
                s.add(left.get(i++));
            } else {
                int li = positions.first(keyOf(left.get(i), mergeKey, kind));
                int ri = positions.first(keyOf(right.get(j), mergeKey, kind));
                if (li >= 0 && ri >= 0 && li < ri) {
                    s.add(left.get(i++));
                } else {
                    s.add(right.get(j++));
                }
            }
        }
        return s;
    }

    /**
     * upstream's {@code index}, for a whole list at once: the position of an item is the first position whose
     * merge key value (for maps; the item itself otherwise) equals the item's; a missing key counts as nil.
     */
    private static KeyIndex positions(List<JsonNode> list, String mergeKey, GoValues.Type kind) {
        KeyIndex index = new KeyIndex();
        for (int i = 0; i < list.size(); i++) {
            index.add(keyOf(list.get(i), mergeKey, kind), i);
        }
        return index;
    }

    private static JsonNode keyOf(JsonNode item, String mergeKey, GoValues.Type kind) {
        if (kind == GoValues.Type.MAP) {
            return item.isObject() ? item.get(mergeKey) : null;
        }
        return item;
    }

    private static void validateMergeKeyInList(String mergeKey, List<JsonNode> list) {
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw errBadArgType(MAP_TYPE, item);
            }
            if (!item.has(mergeKey)) {
                throw errNoMergeKey(item, mergeKey);
            }
        }
    }

    private static void extractToDeleteItems(List<JsonNode> list, List<JsonNode> nonDelete, List<JsonNode> toDelete) {
        for (JsonNode v : list) {
            if (!v.isObject()) {
                throw errBadArgType(MAP_TYPE, v);
            }
            (isText(v.get(DIRECTIVE), DELETE) ? toDelete : nonDelete).add(v);
        }
    }

    private static boolean containsDirectiveMarker(JsonNode item) {
        return item.isObject() && item.has(DIRECTIVE);
    }

    private static boolean mergeKeyValueEqual(JsonNode left, JsonNode right, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return GoValues.eq(left, right);
        }
        if (!left.isObject()) {
            throw errBadArgType(MAP_TYPE, left);
        }
        if (!right.isObject()) {
            throw errBadArgType(MAP_TYPE, right);
        }
        if (!left.has(mergeKey)) {
            throw errNoMergeKey(left, mergeKey);
        }
        if (!right.has(mergeKey)) {
            throw errNoMergeKey(right, mergeKey);
        }
        return GoValues.eq(left.get(mergeKey), right.get(mergeKey));
    }

    // ---------------------------------------------------------------- helpers

    /** The field name after {@code prefix/}; a key of any other form is a format error. */
    private static String extractKey(String s, String prefix) {
        int slash = s.indexOf('/');
        if (slash < 0 || !s.substring(0, slash).equals(prefix)) {
            if (prefix.equals(DELETE_FROM_PRIMITIVE_LIST)) {
                throw PatchException.badRequest(ERR_BAD_PATCH_FORMAT_FOR_PRIMITIVE_LIST);
            }
            throw PatchException.badRequest(ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST);
        }
        return s.substring(slash + 1);
    }

    private static PatchException errNoMergeKey(JsonNode map, String key) {
        return PatchException.plain("map: " + GoValues.v(map) + " does not contain declared merge key: " + key);
    }

    private static PatchException errBadArgType(String expected, JsonNode actual) {
        return PatchException.plain("expected a " + expected + ", but received a " + GoValues.typeString(actual));
    }

    private static boolean isText(JsonNode n, String text) {
        return n != null && n.isTextual() && n.textValue().equals(text);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>(n.size());
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> l = new ArrayList<>(array.size());
        array.forEach(l::add);
        return l;
    }

    private static ArrayNode array(List<JsonNode> l) {
        ArrayNode a = NODES.arrayNode(l.size());
        a.addAll(l);
        return a;
    }

    /** Go's {@code sort.SliceStable}: insertion sort on blocks of 20, then symmerge; the same swaps for any less. */
    static final class GoSort {
        private GoSort() {
        }

        static <T> void stable(List<T> data, BiPredicate<Integer, Integer> less) {
            int n = data.size();
            int blockSize = 20;
            int a = 0;
            int b = blockSize;
            while (b <= n) {
                insertionSort(data, less, a, b);
                a = b;
                b += blockSize;
            }
            insertionSort(data, less, a, n);
            while (blockSize < n) {
                a = 0;
                b = 2 * blockSize;
                while (b <= n) {
                    symMerge(data, less, a, a + blockSize, b);
                    a = b;
                    b += 2 * blockSize;
                }
                int m = a + blockSize;
                if (m < n) {
                    symMerge(data, less, a, m, n);
                }
                blockSize *= 2;
            }
        }

        private static <T> void insertionSort(List<T> data, BiPredicate<Integer, Integer> less, int a, int b) {
            for (int i = a + 1; i < b; i++) {
                for (int j = i; j > a && less.test(j, j - 1); j--) {
                    swap(data, j, j - 1);
                }
            }
        }

        private static <T> void symMerge(List<T> data, BiPredicate<Integer, Integer> less, int a, int m, int b) {
            if (m - a == 1) {
                int i = m;
                int j = b;
                while (i < j) {
                    int h = (i + j) >>> 1;
                    if (less.test(h, a)) {
                        i = h + 1;
                    } else {
                        j = h;
                    }
                }
                for (int k = a; k < i - 1; k++) {
                    swap(data, k, k + 1);
                }
                return;
            }
            if (b - m == 1) {
                int i = a;
                int j = m;
                while (i < j) {
                    int h = (i + j) >>> 1;
                    if (!less.test(m, h)) {
                        i = h + 1;
                    } else {
                        j = h;
                    }
                }
                for (int k = m; k > i; k--) {
                    swap(data, k, k - 1);
                }
                return;
            }
            int mid = (a + b) >>> 1;
            int n = mid + m;
            int start;
            int r;
            if (m > mid) {
                start = n - b;
                r = mid;
            } else {
                start = a;
                r = m;
            }
            int p = n - 1;
            while (start < r) {
                int c = (start + r) >>> 1;
                if (!less.test(p - c, c)) {
                    start = c + 1;
                } else {
                    r = c;
                }
            }
            int end = n - start;
            if (start < m && m < end) {
                rotate(data, start, m, end);
            }
            if (a < start && start < mid) {
                symMerge(data, less, a, start, mid);
            }
            if (mid < end && end < b) {
                symMerge(data, less, mid, end, b);
            }
        }

        private static <T> void rotate(List<T> data, int a, int m, int b) {
            int i = m - a;
            int j = b - m;
            while (i != j) {
                if (i > j) {
                    swapRange(data, m - i, m, j);
                    i -= j;
                } else {
                    swapRange(data, m - i, m + j - i, i);
                    j -= i;
                }
            }
            swapRange(data, m - i, m, i);
        }

        private static <T> void swapRange(List<T> data, int a, int b, int n) {
            for (int i = 0; i < n; i++) {
                swap(data, a + i, b + i);
            }
        }

        private static <T> void swap(List<T> data, int i, int j) {
            T t = data.get(i);
            data.set(i, data.get(j));
            data.set(j, t);
        }
    }
}
