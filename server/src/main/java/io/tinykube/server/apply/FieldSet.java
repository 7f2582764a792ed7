package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.schema.FieldSchema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A set of field paths, as structured-merge-diff's {@code fieldpath.Set}: a tree whose nodes are
 * {@link PathElement}s; a node may be a member (the path itself is in the set), have children, or both.
 * Immutable. Serialises to and from the FieldsV1 form of {@code metadata.managedFields}
 * ({@code {"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}}).
 */
public final class FieldSet {

    public static final FieldSet EMPTY = new FieldSet(new TreeSet<>(), new TreeMap<>());

    private final TreeSet<PathElement> members;
    /** Never holds an empty set. */
    private final TreeMap<PathElement, FieldSet> children;

    private FieldSet(TreeSet<PathElement> members, TreeMap<PathElement, FieldSet> children) {
        this.members = members;
        this.children = children;
    }

    // ---------------------------------------------------------------- construction

    public static FieldSet of(FieldPath... paths) {
        return of(List.of(paths));
    }

    public static FieldSet of(Iterable<FieldPath> paths) {
        Builder b = new Builder();
        paths.forEach(b::insert);
        return b.build();
    }

    /**
     * The fields an object sets, as upstream's {@code TypedValue.ToFieldSet}: every leaf (scalars,
     * atomic lists and maps, UNKNOWN-typed values), every item of an associative list (by its key) or
     * set (by its value), every entry of a map with arbitrary keys; struct fields only through their
     * children. An unknown or null schema makes maps granular and lists atomic, as upstream treats
     * objects without a schema.
     */
    public static FieldSet fromObject(JsonNode object, FieldSchema schema) {
        return Typed.toFieldSet(object, Typed.root(schema), false);
    }

    /** Mutable accumulator; {@link #build()} publishes an immutable set. */
    static final class Builder {
        private final TreeSet<PathElement> members = new TreeSet<>();
        private final TreeMap<PathElement, Builder> children = new TreeMap<>();

        Builder insert(FieldPath path) {
            return insert(path.elements());
        }

        /** Inserting the empty path does nothing: nobody owns the whole object. */
        Builder insert(List<PathElement> path) {
            if (path.isEmpty()) {
                return this;
            }
            Builder b = this;
            for (int i = 0; i < path.size() - 1; i++) {
                b = b.children.computeIfAbsent(path.get(i), k -> new Builder());
            }
            b.members.add(path.get(path.size() - 1));
            return this;
        }

        FieldSet build() {
            TreeMap<PathElement, FieldSet> built = new TreeMap<>();
            for (Map.Entry<PathElement, Builder> e : children.entrySet()) {
                FieldSet s = e.getValue().build();
                if (!s.isEmpty()) {
                    built.put(e.getKey(), s);
                }
            }
            if (members.isEmpty() && built.isEmpty()) {
                return EMPTY;
            }
            return new FieldSet(new TreeSet<>(members), built);
        }
    }

    // ---------------------------------------------------------------- FieldsV1

    /**
     * Reads the FieldsV1 form. Unknown element prefixes are skipped, as upstream does; anything else
     * malformed throws {@link IllegalArgumentException} with the place it was found.
     */
    public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
        if (fieldsV1 == null || fieldsV1.isNull() || fieldsV1.isMissingNode()) {
            return EMPTY;
        }
        if (!fieldsV1.isObject()) {
            throw new IllegalArgumentException("fieldsV1 must be a JSON object, got " + Values.typeName(fieldsV1));
        }
        Read r = read(fieldsV1, "");
        return r.children == null ? EMPTY : r.children;
    }

    private record Read(FieldSet children, boolean member) {
    }

    private static Read read(JsonNode node, String where) {
        TreeSet<PathElement> members = null;
        TreeMap<PathElement, FieldSet> kids = null;
        boolean isMember = false;
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.equals(".")) {
                isMember = true;
                continue;
            }
            PathElement pe;
            try {
                pe = PathElement.deserialize(k);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("parsing key as path element" + at(where) + ": " + ex.getMessage());
            }
            if (pe == null) {
                continue; // a form from a newer version: dropped, as upstream does
            }
            String here = where.isEmpty() ? k : where + "/" + k;
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException("expected a JSON object at " + here + ", got " + Values.typeName(e.getValue()));
            }
            Read child = read(e.getValue(), here);
            if (child.member) {
                if (members == null) {
                    members = new TreeSet<>();
                }
                members.add(pe);
            }
            if (child.children != null) {
                if (kids == null) {
                    kids = new TreeMap<>();
                }
                kids.put(pe, child.children);
            }
        }
        if (members == null && kids == null) {
            return new Read(null, true);
        }
        return new Read(new FieldSet(members == null ? new TreeSet<>() : members, kids == null ? new TreeMap<>() : kids), isMember);
    }

    private static String at(String where) {
        return where.isEmpty() ? "" : " at " + where;
    }

    /** The FieldsV1 form, elements in upstream's order (the same bytes upstream writes). */
    public ObjectNode toFieldsV1() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        emit(out, false);
        return out;
    }

    private void emit(ObjectNode out, boolean includeSelf) {
        if (includeSelf && !isEmpty()) {
            out.set(".", JsonNodeFactory.instance.objectNode());
        }
        Iterator<PathElement> mi = members.iterator();
        Iterator<Map.Entry<PathElement, FieldSet>> ci = children.entrySet().iterator();
        PathElement m = mi.hasNext() ? mi.next() : null;
        Map.Entry<PathElement, FieldSet> c = ci.hasNext() ? ci.next() : null;
        while (m != null || c != null) {
            int cmp = m == null ? 1 : c == null ? -1 : m.compareTo(c.getKey());
            if (cmp < 0) {
                out.set(m.serialize(), JsonNodeFactory.instance.objectNode());
                m = mi.hasNext() ? mi.next() : null;
            } else {
                ObjectNode sub = JsonNodeFactory.instance.objectNode();
                c.getValue().emit(sub, cmp == 0);
                out.set(c.getKey().serialize(), sub);
                if (cmp == 0) {
                    m = mi.hasNext() ? mi.next() : null;
                }
                c = ci.hasNext() ? ci.next() : null;
            }
        }
    }

    // ---------------------------------------------------------------- queries

    public boolean isEmpty() {
        return members.isEmpty() && children.isEmpty();
    }

    /** The number of paths in the set. */
    public int size() {
        int n = members.size();
        for (FieldSet s : children.values()) {
            n += s.size();
        }
        return n;
    }

    public boolean has(FieldPath path) {
        return has(path.elements());
    }

    boolean has(List<PathElement> path) {
        if (path.isEmpty()) {
            return false;
        }
        FieldSet s = this;
        for (int i = 0; i < path.size() - 1; i++) {
            s = s.children.get(path.get(i));
            if (s == null) {
                return false;
            }
        }
        return s.members.contains(path.get(path.size() - 1));
    }

    boolean hasMember(PathElement pe) {
        return members.contains(pe);
    }

    /** The paths below {@code pe}, relative to it (empty when none). */
    FieldSet withPrefix(PathElement pe) {
        FieldSet s = children.get(pe);
        return s == null ? EMPTY : s;
    }

    Iterable<Map.Entry<PathElement, FieldSet>> childEntries() {
        return children.entrySet();
    }

    Iterable<PathElement> memberElements() {
        return members;
    }

    /** Every path, members before children at each level, each level in element order. */
    public List<FieldPath> paths() {
        List<FieldPath> out = new ArrayList<>();
        iterate(FieldPath.of(), out::add);
        return out;
    }

    void iterate(FieldPath prefix, Consumer<FieldPath> f) {
        for (PathElement m : members) {
            f.accept(prefix.child(m));
        }
        for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
            e.getValue().iterate(prefix.child(e.getKey()), f);
        }
    }

    // ---------------------------------------------------------------- set algebra

    public FieldSet union(FieldSet o) {
        if (o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.addAll(o.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>(children);
        for (Map.Entry<PathElement, FieldSet> e : o.children.entrySet()) {
            FieldSet mine = c.get(e.getKey());
            c.put(e.getKey(), mine == null ? e.getValue() : mine.union(e.getValue()));
        }
        return new FieldSet(m, c);
    }

    public FieldSet intersection(FieldSet o) {
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.retainAll(o.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
            FieldSet s2 = o.children.get(e.getKey());
            if (s2 != null) {
                FieldSet i = e.getValue().intersection(s2);
                if (!i.isEmpty()) {
                    c.put(e.getKey(), i);
                }
            }
        }
        return make(m, c);
    }

    /**
     * The paths of this set that are not in {@code o}. Path by path: a member of {@code o} does not
     * remove this set's paths below it (see {@link #recursiveDifference}).
     */
    public FieldSet difference(FieldSet o) {
        if (o.isEmpty() || isEmpty()) {
            return this;
        }
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.removeAll(o.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
            FieldSet s2 = o.children.get(e.getKey());
            FieldSet d = s2 == null ? e.getValue() : e.getValue().difference(s2);
            if (!d.isEmpty()) {
                c.put(e.getKey(), d);
            }
        }
        return make(m, c);
    }

    /** Like {@link #difference}, but a member of {@code o} also removes everything below it. */
    public FieldSet recursiveDifference(FieldSet o) {
        if (o.isEmpty() || isEmpty()) {
            return this;
        }
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.removeAll(o.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
            if (o.members.contains(e.getKey())) {
                continue;
            }
            FieldSet s2 = o.children.get(e.getKey());
            FieldSet d = s2 == null ? e.getValue() : e.getValue().recursiveDifference(s2);
            if (!d.isEmpty()) {
                c.put(e.getKey(), d);
            }
        }
        return make(m, c);
    }

    /** This set's members plus {@code extra}, with {@code newChildren} in place of its children. */
    FieldSet withMembers(TreeSet<PathElement> extra, TreeMap<PathElement, FieldSet> newChildren) {
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.addAll(extra);
        return make(m, newChildren);
    }

    private static FieldSet make(TreeSet<PathElement> m, TreeMap<PathElement, FieldSet> c) {
        return m.isEmpty() && c.isEmpty() ? EMPTY : new FieldSet(m, c);
    }

    // ---------------------------------------------------------------- object methods

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FieldSet)) {
            return false;
        }
        FieldSet s = (FieldSet) o;
        return members.equals(s.members) && children.equals(s.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(members, children);
    }

    /** One path per line, as upstream's {@code Set.String()}. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        for (FieldPath p : paths()) {
            lines.add(p.toString());
        }
        return String.join("\n", lines);
    }
}
