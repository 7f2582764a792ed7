package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The positions of values in a list, looked up with Go's {@code ==} on {@code interface{}} values in constant
 * time: a value matches an equal value of the same dynamic type (int64 1 is not float64 1), and looking up a map
 * or slice where the list holds a value of the same kind fails as Go's runtime does when comparing uncomparable
 * types. Upstream scans lists linearly with {@code ==}; this gives the same answers without the quadratic cost.
 */
final class KeyIndex {
    private final Map<Object, List<Integer>> positions = new HashMap<>();
    private boolean hasMap;
    private boolean hasSlice;

    /** A Go-comparable value: its dynamic type and its value. */
    private record Key(GoValues.Type type, Object value) {
    }

    private static Key key(JsonNode v) {
        GoValues.Type t = GoValues.typeOf(v);
        switch (t) {
            case NIL:
                return new Key(t, null);
            case STRING:
                return new Key(t, v.asText());
            case BOOL:
                return new Key(t, v.booleanValue());
            case INT64:
                return new Key(t, v.longValue());
            case FLOAT64:
                double d = v.doubleValue();
                return new Key(t, d == 0 ? 0.0 : d);
            default:
                return null;
        }
    }

    /** Records {@code value} (Java null meaning Go nil) at {@code position}; positions must be added in order. */
    void add(JsonNode value, int position) {
        GoValues.Type t = GoValues.typeOf(value);
        if (t == GoValues.Type.MAP) {
            hasMap = true;
        } else if (t == GoValues.Type.SLICE) {
            hasSlice = true;
        } else {
            positions.computeIfAbsent(key(value), k -> new ArrayList<>(1)).add(position);
        }
    }

    /** Every position holding a value equal to {@code value}, in order; empty when none. */
    List<Integer> all(JsonNode value) {
        GoValues.Type t = GoValues.typeOf(value);
        if (t == GoValues.Type.MAP || t == GoValues.Type.SLICE) {
            if (t == GoValues.Type.MAP ? hasMap : hasSlice) {
                throw PatchException.panic("runtime error: comparing uncomparable type " + t.goName);
            }
            return List.of();
        }
        List<Integer> found = positions.get(key(value));
        return found == null ? List.of() : found;
    }

    /** The first position holding a value equal to {@code value}, or -1. */
    int first(JsonNode value) {
        List<Integer> found = all(value);
        return found.isEmpty() ? -1 : found.get(0);
    }

    /** Whether {@code value} is in the list, as a lookup in a Go {@code map[interface{}]...} (maps and slices panic). */
    boolean contains(JsonNode value) {
        GoValues.requireHashable(value);
        return !all(value).isEmpty();
    }

    /** An index of the scalars of a list, each value its own key. */
    static KeyIndex ofValues(List<JsonNode> list) {
        KeyIndex index = new KeyIndex();
        for (int i = 0; i < list.size(); i++) {
            index.add(list.get(i), i);
        }
        return index;
    }
}
