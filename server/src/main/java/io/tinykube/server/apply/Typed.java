package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tinykube.server.schema.FieldSchema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schema-driven walks of structured-merge-diff's {@code typed} package on Jackson trees:
 * field sets ({@code tofieldset.go}), comparison and merge ({@code merge.go}), item removal
 * ({@code remove.go}) and {@code EnsureNamedFieldsAreMembers}.
 *
 * <p>How a value is treated follows from its {@link FieldSchema} and the value itself: OBJECT is a
 * struct (named fields), MAP a granular map, ARRAY with {@code listType map} (or, with no list type,
 * {@code patchStrategy merge} and a merge key) an associative list, {@code set} (or merge without key)
 * a set, anything else atomic. {@code mapType atomic}, SCALAR, UNKNOWN and values whose JSON type does
 * not fit the schema are leaves. The root of an object with no schema is "deduced": maps granular,
 * lists atomic.
 */
final class Typed {
    private Typed() {
    }

    /** Maps granular, lists atomic, at every depth: upstream's treatment of schemaless objects. */
    static final FieldSchema DEDUCED = new FieldSchema() {
        @Override
        public Shape shape() {
            return Shape.UNKNOWN;
        }

        @Override
        public FieldSchema property(String name) {
            return this;
        }

        @Override
        public FieldSchema elements() {
            return this;
        }

        @Override
        public String patchStrategy() {
            return null;
        }

        @Override
        public String patchMergeKey() {
            return null;
        }

        @Override
        public String listType() {
            return null;
        }

        @Override
        public List<String> listMapKeys() {
            return List.of();
        }

        @Override
        public String mapType() {
            return null;
        }
    };

    /**
     * Defaults of list-map key fields that clients may omit. The OpenAPI of built-in kinds declares
     * {@code default: TCP} for {@code protocol} (ContainerPort, ServicePort, EndpointPort), which upstream
     * uses when building keys; FieldSchema carries no defaults, so they live here.
     */
    private static final Map<String, JsonNode> KEY_DEFAULTS = Map.of("protocol", TextNode.valueOf("TCP"));

    static FieldSchema root(FieldSchema s) {
        return s == null || shape(s) == FieldSchema.Shape.UNKNOWN ? DEDUCED : s;
    }

    /** The shape, UNKNOWN for a schema that reports none. */
    private static FieldSchema.Shape shape(FieldSchema s) {
        FieldSchema.Shape sh = s.shape();
        return sh == null ? FieldSchema.Shape.UNKNOWN : sh;
    }

    enum Kind { LEAF, STRUCT, MAP, ASSOC, SET }

    private enum ListMode { ATOMIC, ASSOC, SET }

    // ------------------------------------------------------------------ schema navigation

    static FieldSchema field(FieldSchema parent, String name) {
        if (parent == DEDUCED) {
            return DEDUCED;
        }
        FieldSchema s;
        switch (shape(parent)) {
            case OBJECT:
                s = parent.property(name);
                break;
            case MAP:
                s = parent.elements();
                break;
            default:
                s = null;
        }
        return s == null ? FieldSchema.UNKNOWN : s;
    }

    /** Whether {@code name} is a declared field of a struct (not an entry of a map). */
    static boolean isNamedField(FieldSchema parent, String name) {
        return parent != DEDUCED && shape(parent) == FieldSchema.Shape.OBJECT && parent.property(name) != null;
    }

    static FieldSchema items(FieldSchema list) {
        FieldSchema s = list.elements();
        return s == null ? FieldSchema.UNKNOWN : s;
    }

    static FieldSchema child(FieldSchema parent, PathElement pe) {
        if (pe.type() == PathElement.Type.FIELD) {
            return field(parent, pe.fieldName());
        }
        return parent != DEDUCED && shape(parent) == FieldSchema.Shape.ARRAY ? items(parent) : FieldSchema.UNKNOWN;
    }

    private static ListMode listMode(FieldSchema s) {
        String lt = s.listType();
        if (lt != null) {
            switch (lt) {
                case "set":
                    return ListMode.SET;
                case "map":
                    return s.listMapKeys() == null || s.listMapKeys().isEmpty() ? ListMode.ATOMIC : ListMode.ASSOC;
                default:
                    return ListMode.ATOMIC;
            }
        }
        // No list type: upstream reads patchStrategy=merge as listType=map keyed by the merge key.
        String ps = s.patchStrategy();
        if ("merge".equals(ps) || "merge,retainKeys".equals(ps)) {
            return s.patchMergeKey() != null ? ListMode.ASSOC : ListMode.SET;
        }
        return ListMode.ATOMIC;
    }

    private static List<String> listKeys(FieldSchema s) {
        return s.listType() != null ? s.listMapKeys() : List.of(s.patchMergeKey());
    }

    /** How a pair of values (either may be absent: Java null) at schema {@code s} is walked. */
    static Kind kind(FieldSchema s, JsonNode a, JsonNode b) {
        if (s == DEDUCED) {
            boolean anyObject = (a != null && a.isObject()) || (b != null && b.isObject());
            return anyObject && fits(a, true) && fits(b, true) ? Kind.MAP : Kind.LEAF;
        }
        switch (shape(s)) {
            case OBJECT:
            case MAP:
                if ("atomic".equals(s.mapType()) || !fits(a, true) || !fits(b, true)) {
                    return Kind.LEAF;
                }
                return shape(s) == FieldSchema.Shape.OBJECT ? Kind.STRUCT : Kind.MAP;
            case ARRAY: {
                ListMode m = listMode(s);
                if (m == ListMode.ATOMIC || !fits(a, false) || !fits(b, false)) {
                    return Kind.LEAF;
                }
                return m == ListMode.ASSOC ? Kind.ASSOC : Kind.SET;
            }
            default:
                return Kind.LEAF;
        }
    }

    private static boolean fits(JsonNode v, boolean object) {
        return v == null || v.isNull() || (object ? v.isObject() : v.isArray());
    }

    private static boolean bothEmpty(JsonNode l, JsonNode r) {
        return Values.isEmptyContainer(l) && Values.isEmptyContainer(r);
    }

    // ------------------------------------------------------------------ list items

    /** The items of a list grouped by path element, in first-appearance order. */
    static final class Index {
        final List<PathElement> order = new ArrayList<>();
        final TreeMap<PathElement, List<JsonNode>> groups = new TreeMap<>();
        /** The element of each item, parallel to the list. */
        final List<PathElement> itemElements = new ArrayList<>();
        PathElement firstDuplicate;

        boolean contains(PathElement pe) {
            return groups.containsKey(pe);
        }

        List<JsonNode> get(PathElement pe) {
            return groups.get(pe);
        }
    }

    static final class ItemException extends IllegalArgumentException {
        ItemException(String message) {
            super(message);
        }
    }

    static Index index(Kind kind, FieldSchema s, JsonNode list) {
        Index idx = new Index();
        if (list == null || !list.isArray()) {
            return idx;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            PathElement pe;
            try {
                pe = itemElement(kind, s, item);
            } catch (ItemException e) {
                throw new ItemException("element " + i + ": " + e.getMessage());
            }
            idx.itemElements.add(pe);
            List<JsonNode> g = idx.groups.get(pe);
            if (g == null) {
                g = new ArrayList<>(1);
                idx.groups.put(pe, g);
                idx.order.add(pe);
            } else if (idx.firstDuplicate == null) {
                idx.firstDuplicate = pe;
            }
            g.add(item);
        }
        return idx;
    }

    private static PathElement itemElement(Kind kind, FieldSchema s, JsonNode item) {
        if (kind == Kind.ASSOC) {
            if (item == null || item.isNull()) {
                throw new ItemException("associative list with keys may not have a null element");
            }
            if (!item.isObject()) {
                throw new ItemException("associative list with keys may not have non-map elements");
            }
            ObjectNode key = JsonNodeFactory.instance.objectNode();
            for (String k : listKeys(s)) {
                JsonNode v = item.get(k);
                if (v == null) {
                    v = KEY_DEFAULTS.get(k);
                }
                if (v == null) {
                    throw new ItemException("associative list with keys has an element that omits key field "
                            + Values.goQuote(k) + " (and doesn't have default value)");
                }
                key.set(k, v);
            }
            return PathElement.key(key);
        }
        if (item == null || item.isNull()) {
            throw new ItemException("associative list without keys has an element that's an explicit null");
        }
        if (item.isObject()) {
            throw new ItemException("associative list without keys has an element that's a map type");
        }
        if (item.isArray()) {
            throw new ItemException("not supported: associative list with lists as elements");
        }
        return PathElement.value(item);
    }

    // ------------------------------------------------------------------ ToFieldSet

    /**
     * The fields {@code v} sets. With {@code strict} (an applied configuration), lists whose items cannot
     * be keyed, duplicate keys, and containers of the wrong JSON type throw {@link ItemException} with
     * the path; otherwise such lists and values are treated as atomic leaves.
     */
    static FieldSet toFieldSet(JsonNode v, FieldSchema s, boolean strict) {
        FieldSet.Builder b = new FieldSet.Builder();
        if (v != null) {
            walkSet(b, new ArrayList<>(), v, s, strict);
        }
        return b.build();
    }

    private static void walkSet(FieldSet.Builder b, List<PathElement> path, JsonNode v, FieldSchema s, boolean strict) {
        if (strict) {
            checkShape(path, v, s);
        }
        Kind k = kind(s, v, null);
        switch (k) {
            case STRUCT:
            case MAP: {
                if (!v.isObject()) {
                    return;
                }
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    path.add(PathElement.field(e.getKey()));
                    walkSet(b, path, e.getValue(), field(s, e.getKey()), strict);
                    if (!isNamedField(s, e.getKey())) {
                        b.insert(path);
                    }
                    path.remove(path.size() - 1);
                }
                return;
            }
            case ASSOC:
            case SET: {
                if (!v.isArray()) {
                    return;
                }
                Index idx;
                try {
                    idx = index(k, s, v);
                } catch (ItemException e) {
                    if (strict) {
                        throw new ItemException(at(path) + e.getMessage());
                    }
                    b.insert(path);
                    return;
                }
                if (strict && idx.firstDuplicate != null) {
                    throw new ItemException(at(path) + "duplicate entries for key " + idx.firstDuplicate);
                }
                for (PathElement pe : idx.order) {
                    List<JsonNode> g = idx.get(pe);
                    path.add(pe);
                    if (g.size() == 1) {
                        walkSet(b, path, g.get(0), items(s), strict);
                    }
                    b.insert(path); // a duplicated key is owned as a whole, like an atomic value
                    path.remove(path.size() - 1);
                }
                return;
            }
            default:
                b.insert(path);
        }
    }

    private static void checkShape(List<PathElement> path, JsonNode v, FieldSchema s) {
        if (s == DEDUCED || v == null || v.isNull()) {
            return;
        }
        switch (shape(s)) {
            case OBJECT:
            case MAP:
                if (!v.isObject()) {
                    throw new ItemException(at(path) + "expected map, got " + Values.typeName(v));
                }
                break;
            case ARRAY:
                if (!v.isArray()) {
                    throw new ItemException(at(path) + "expected list, got " + Values.typeName(v));
                }
                break;
            default:
                break;
        }
    }

    static String at(List<PathElement> path) {
        return path.isEmpty() ? "" : FieldPath.of(path) + ": ";
    }

    // ------------------------------------------------------------------ Compare

    /** Which fields {@code rhs} added, modified and removed relative to {@code lhs} ({@code typed.Comparison}). */
    record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
        Comparison excluding(FieldSet ignored) {
            if (ignored == null || ignored.isEmpty()) {
                return this;
            }
            return new Comparison(added.recursiveDifference(ignored), modified.recursiveDifference(ignored),
                    removed.recursiveDifference(ignored));
        }

        boolean isSame() {
            return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
        }
    }

    static Comparison compare(JsonNode lhs, JsonNode rhs, FieldSchema s) {
        FieldSet.Builder a = new FieldSet.Builder();
        FieldSet.Builder m = new FieldSet.Builder();
        FieldSet.Builder r = new FieldSet.Builder();
        if (lhs != null || rhs != null) {
            walkCompare(new ArrayList<>(), lhs, rhs, s, a, m, r);
        }
        return new Comparison(a.build(), m.build(), r.build());
    }

    private static void walkCompare(List<PathElement> path, JsonNode l, JsonNode r, FieldSchema s,
                                    FieldSet.Builder added, FieldSet.Builder modified, FieldSet.Builder removed) {
        Kind k = kind(s, l, r);
        if (k == Kind.LEAF || bothEmpty(l, r)) {
            compareLeaf(path, l, r, added, modified, removed);
            return;
        }
        if (k == Kind.STRUCT || k == Kind.MAP) {
            ObjectNode lo = Values.objectOrNull(l);
            ObjectNode ro = Values.objectOrNull(r);
            Set<String> keys = new LinkedHashSet<>();
            if (lo != null) {
                lo.fieldNames().forEachRemaining(keys::add);
            }
            if (ro != null) {
                ro.fieldNames().forEachRemaining(keys::add);
            }
            for (String key : keys) {
                path.add(PathElement.field(key));
                walkCompare(path, lo == null ? null : lo.get(key), ro == null ? null : ro.get(key), field(s, key),
                        added, modified, removed);
                path.remove(path.size() - 1);
            }
        } else {
            Index li;
            Index ri;
            try {
                li = index(k, s, l);
                ri = index(k, s, r);
            } catch (ItemException e) {
                compareLeaf(path, l, r, added, modified, removed);
                return;
            }
            Set<PathElement> pes = new LinkedHashSet<>(li.order);
            pes.addAll(ri.order);
            for (PathElement pe : pes) {
                List<JsonNode> lg = li.get(pe);
                List<JsonNode> rg = ri.get(pe);
                path.add(pe);
                if ((lg != null && lg.size() > 1) || (rg != null && rg.size() > 1)) {
                    if (lg == null) {
                        added.insert(path);
                    } else if (rg == null) {
                        removed.insert(path);
                    } else if (!sameItems(lg, rg)) {
                        modified.insert(path);
                    }
                } else {
                    walkCompare(path, lg == null ? null : lg.get(0), rg == null ? null : rg.get(0), items(s),
                            added, modified, removed);
                }
                path.remove(path.size() - 1);
            }
        }
        if (l == null) {
            added.insert(path);
        } else if (r == null) {
            removed.insert(path);
        }
    }

    private static void compareLeaf(List<PathElement> path, JsonNode l, JsonNode r,
                                    FieldSet.Builder added, FieldSet.Builder modified, FieldSet.Builder removed) {
        if (l == null) {
            added.insert(path);
        } else if (r == null) {
            removed.insert(path);
        } else if (!Values.equal(l, r)) {
            modified.insert(path);
        }
    }

    private static boolean sameItems(List<JsonNode> a, List<JsonNode> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Values.equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ Merge

    /**
     * {@code lhs} with {@code rhs} merged in ({@code TypedValue.Merge}, rule "keep rhs"): leaves and
     * atomic values from rhs win, structs and maps merge by field, associative lists by key and sets
     * by value, in upstream's order. An explicit null leaf in rhs removes the field (what upstream's
     * conversion back to a typed object does). rhs must have passed {@link #toFieldSet} in strict mode.
     */
    static JsonNode merge(JsonNode lhs, JsonNode rhs, FieldSchema s) {
        JsonNode out = walkMerge(lhs, rhs, s);
        return out == null ? JsonNodeFactory.instance.objectNode() : out;
    }

    private static JsonNode copy(JsonNode v) {
        return v == null ? null : v.deepCopy();
    }

    private static JsonNode walkMerge(JsonNode l, JsonNode r, FieldSchema s) {
        Kind k = kind(s, l, r);
        if (k == Kind.LEAF || bothEmpty(l, r)) {
            return r != null ? copy(r) : copy(l);
        }
        if (k == Kind.STRUCT || k == Kind.MAP) {
            ObjectNode lo = Values.objectOrNull(l);
            ObjectNode ro = Values.objectOrNull(r);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            if (lo != null) {
                Iterator<Map.Entry<String, JsonNode>> it = lo.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode rv = ro == null ? null : ro.get(e.getKey());
                    putMerged(out, e.getKey(), walkMerge(e.getValue(), rv, field(s, e.getKey())), rv);
                }
            }
            if (ro != null) {
                Iterator<Map.Entry<String, JsonNode>> it = ro.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (lo == null || !lo.has(e.getKey())) {
                        putMerged(out, e.getKey(), walkMerge(null, e.getValue(), field(s, e.getKey())), e.getValue());
                    }
                }
            }
            return out.isEmpty() ? null : out;
        }
        Index ri = index(k, s, r); // validated by the strict field-set walk
        Index li;
        try {
            li = index(k, s, l);
        } catch (ItemException e) {
            return r != null ? copy(r) : copy(l); // a live list that cannot be keyed is replaced whole
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        FieldSchema itemSchema = items(s);
        Deque<PathElement> shared = new ArrayDeque<>();
        for (PathElement pe : ri.order) {
            if (li.contains(pe)) {
                shared.add(pe);
            }
        }
        Set<PathElement> done = new HashSet<>();
        PathElement nextShared = shared.poll();
        int lLen = li.order.size();
        int rLen = ri.order.size();
        int lI = 0;
        int rI = 0;
        while (lI < lLen || rI < rLen) {
            if (lI < lLen && rI < rLen) {
                PathElement pe = li.order.get(lI);
                if (pe.equals(ri.order.get(rI))) {
                    mergeItem(out, li.get(pe), ri.get(pe), itemSchema);
                    done.add(pe);
                    lI++;
                    rI++;
                    nextShared = shared.poll();
                    continue;
                }
                if (ri.contains(pe) && nextShared != null && !nextShared.equals(pe)) {
                    lI++; // a shared item, but not the one wanted in this round
                    continue;
                }
            }
            if (lI < lLen) {
                PathElement pe = li.order.get(lI);
                if (!ri.contains(pe)) {
                    mergeItem(out, li.get(pe), null, itemSchema);
                    lI++;
                    continue;
                }
                if (done.contains(pe)) {
                    lI++;
                    continue;
                }
            }
            if (rI < rLen) {
                PathElement pe = ri.order.get(rI);
                mergeItem(out, li.get(pe), ri.get(pe), itemSchema);
                done.add(pe);
                rI++;
                if (nextShared != null && nextShared.equals(pe)) {
                    nextShared = shared.poll();
                }
            } else {
                lI++; // defensive: never loop without progress
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static void putMerged(ObjectNode out, String key, JsonNode merged, JsonNode fromRhs) {
        if (merged == null) {
            return;
        }
        if (merged.isNull() && fromRhs != null && fromRhs.isNull()) {
            return;
        }
        out.set(key, merged);
    }

    private static void mergeItem(ArrayNode out, List<JsonNode> lg, List<JsonNode> rg, FieldSchema s) {
        if ((lg != null && lg.size() > 1) || (rg != null && rg.size() > 1)) {
            for (JsonNode v : rg != null ? rg : lg) {
                out.add(v.deepCopy());
            }
            return;
        }
        JsonNode v = walkMerge(lg == null ? null : lg.get(0), rg == null ? null : rg.get(0), s);
        if (v != null) {
            out.add(v);
        }
    }

    // ------------------------------------------------------------------ RemoveItems

    /** {@code v} without the fields, map entries and list items in {@code toRemove} ({@code RemoveItems}). */
    static JsonNode removeItems(JsonNode v, FieldSet toRemove, FieldSchema s) {
        if (toRemove.isEmpty()) {
            return v.deepCopy();
        }
        JsonNode out = walkRemove(v, toRemove, s);
        return out == null ? JsonNodeFactory.instance.objectNode() : out;
    }

    private static JsonNode walkRemove(JsonNode v, FieldSet set, FieldSchema s) {
        Kind k = kind(s, v, null);
        if (k == Kind.LEAF || Values.isEmptyContainer(v)) {
            return v.deepCopy();
        }
        if (k == Kind.STRUCT || k == Kind.MAP) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                PathElement pe = PathElement.field(e.getKey());
                if (set.hasMember(pe)) {
                    continue;
                }
                FieldSet sub = set.withPrefix(pe);
                JsonNode nv = sub.isEmpty() ? e.getValue().deepCopy() : walkRemove(e.getValue(), sub, field(s, e.getKey()));
                if (nv != null) {
                    out.set(e.getKey(), nv);
                }
            }
            return out.isEmpty() ? null : out;
        }
        Index idx;
        try {
            idx = index(k, s, v);
        } catch (ItemException e) {
            return v.deepCopy();
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < v.size(); i++) {
            PathElement pe = idx.itemElements.get(i);
            if (set.hasMember(pe)) {
                continue;
            }
            FieldSet sub = set.withPrefix(pe);
            JsonNode nv = sub.isEmpty() ? v.get(i).deepCopy() : walkRemove(v.get(i), sub, items(s));
            if (nv != null) {
                out.add(nv);
            }
        }
        return out.isEmpty() ? null : out;
    }

    // ------------------------------------------------------------------ EnsureNamedFieldsAreMembers

    /** {@code set} plus, as members, every struct field that has members below it. */
    static FieldSet ensureNamedFieldsAreMembers(FieldSet set, FieldSchema s) {
        if (set.isEmpty()) {
            return set;
        }
        TreeSet<PathElement> extra = new TreeSet<>();
        TreeMap<PathElement, FieldSet> kids = new TreeMap<>();
        for (Map.Entry<PathElement, FieldSet> e : set.childEntries()) {
            PathElement pe = e.getKey();
            if (pe.type() == PathElement.Type.FIELD && isNamedField(s, pe.fieldName())) {
                extra.add(pe);
            }
            kids.put(pe, ensureNamedFieldsAreMembers(e.getValue(), child(s, pe)));
        }
        return set.withMembers(extra, kids);
    }
}
