package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * RFC 6902 JSON Patch with the semantics of {@code gopkg.in/evanphx/json-patch.v4}, the library upstream's
 * apiserver applies {@code application/json-patch+json} with:
 * <ul>
 *   <li>JSON Pointer tokens are unescaped {@code ~1} to {@code /} and {@code ~0} to {@code ~} in one pass; the
 *       token before the first {@code /} is ignored; the empty path addresses the whole document only for
 *       {@code replace} and {@code test}.</li>
 *   <li>{@code -} appends on {@code add}; negative array indices count from the end.</li>
 *   <li>{@code replace} of an absent object member adds it (v4 does not check that the member exists; only
 *       array indices and intermediate containers must exist); {@code remove} of an absent member fails.</li>
 *   <li>{@code test} compares structurally; a null or absent target matches a null or absent value.</li>
 *   <li>{@code copy} counts the bytes it copies and fails past 3 MiB (the apiserver's
 *       {@code JSONPatchMaxCopyBytes}).</li>
 * </ul>
 * Any failure is a 422 whose message is upstream's fixed {@code the server rejected our request due to an error
 * in our request}; the library's own error text is in {@link PatchException#detail()}.
 */
public final class JsonPatch {
    /** The apiserver's {@code JSONPatchMaxCopyBytes}. */
    static final long MAX_COPY_BYTES = 3L * 1024 * 1024;

    private JsonPatch() {
    }

    /**
     * Applies the operations (a JSON array of operation objects, or JSON null for none) to a copy of
     * {@code document}; {@code document} is not modified.
     */
    public static ObjectNode apply(ObjectNode document, JsonNode operations) {
        JsonNode doc = document.deepCopy();
        long copied = 0;
        if (operations != null && operations.isArray()) {
            for (JsonNode op : operations) {
                try {
                    String kind = kind(op);
                    switch (kind) {
                        case "add":
                            add(doc, op);
                            break;
                        case "remove":
                            remove(doc, op);
                            break;
                        case "replace":
                            doc = replace(doc, op);
                            break;
                        case "move":
                            move(doc, op);
                            break;
                        case "test":
                            test(doc, op);
                            break;
                        case "copy":
                            copied = copy(doc, op, copied);
                            break;
                        default:
                            throw new Failure("Unexpected kind: " + kind);
                    }
                } catch (Failure f) {
                    throw PatchException.unprocessable(f.getMessage());
                }
            }
        }
        if (!doc.isObject()) {
            throw PatchException.invalid("\"\" is invalid: patch: Invalid value: \"" + doc
                    + "\": json: cannot unmarshal array into Go value of type map[string]interface {}");
        }
        return (ObjectNode) doc;
    }

    /** An operation that does not apply; the message follows the library's. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** The container holding the target of a path, and the target's unescaped token. */
    private record Target(JsonNode container, String key) {
    }

    private static String kind(JsonNode op) {
        JsonNode kind = op.get("op");
        return kind != null && kind.isTextual() ? kind.textValue() : "unknown";
    }

    private static String path(JsonNode op, String field, String failure) throws Failure {
        JsonNode p = op.get(field);
        if (p == null || p.isNull()) {
            throw new Failure(failure + ": missing value");
        }
        return p.asText();
    }

    /** The {@code value} member: Java null when absent, NullNode when JSON null. */
    private static JsonNode value(JsonNode op) {
        return op.get("value");
    }

    private static JsonNode orNull(JsonNode v) {
        return v == null ? NullNode.instance : v;
    }

    private static void add(JsonNode doc, JsonNode op) throws Failure {
        String path = path(op, "path", "add operation failed to decode path");
        Target t = findObject(doc, path);
        if (t == null) {
            throw new Failure("add operation does not apply: doc is missing path: \"" + path + "\": missing value");
        }
        JsonNode value = orNull(value(op));
        checkDepth(path, value);
        try {
            addTo(t, value);
        } catch (Failure f) {
            throw new Failure("error in add for path: '" + path + "': " + f.getMessage());
        }
    }

    private static void remove(JsonNode doc, JsonNode op) throws Failure {
        String path = path(op, "path", "remove operation failed to decode path");
        Target t = findObject(doc, path);
        if (t == null) {
            throw new Failure("remove operation does not apply: doc is missing path: \"" + path + "\": missing value");
        }
        try {
            removeFrom(t);
        } catch (Failure f) {
            throw new Failure("error in remove for path: '" + path + "': " + f.getMessage());
        }
    }

    private static JsonNode replace(JsonNode doc, JsonNode op) throws Failure {
        String path = path(op, "path", "replace operation failed to decode path");
        if (path.isEmpty()) {
            JsonNode value = value(op);
            if (value == null || !value.isContainerNode()) {
                throw new Failure("replace operation value must be object or array");
            }
            checkDepth("", value);
            return value.deepCopy();
        }
        Target t = findObject(doc, path);
        if (t == null) {
            throw new Failure("replace operation does not apply: doc is missing path: " + path + ": missing value");
        }
        try {
            get(t);
        } catch (Failure f) {
            throw new Failure("replace operation does not apply: doc is missing key: " + path + ": missing value");
        }
        JsonNode value = orNull(value(op));
        checkDepth(path, value);
        set(t, value);
        return doc;
    }

    private static void move(JsonNode doc, JsonNode op) throws Failure {
        String from = path(op, "from", "move operation failed to decode from");
        Target source = findObject(doc, from);
        if (source == null) {
            throw new Failure("move operation does not apply: doc is missing from path: " + from + ": missing value");
        }
        JsonNode value;
        try {
            value = get(source);
            removeFrom(source);
        } catch (Failure f) {
            throw new Failure("error in move for path: '" + source.key() + "': " + f.getMessage());
        }
        String path = path(op, "path", "move operation failed to decode path");
        Target t = findObject(doc, path);
        if (t == null) {
            throw new Failure("move operation does not apply: doc is missing destination path: " + path
                    + ": missing value");
        }
        JsonNode moved = orNull(value);
        checkDepth(path, moved);
        try {
            addTo(t, moved);
        } catch (Failure f) {
            throw new Failure("error in move for path: '" + path + "': " + f.getMessage());
        }
    }

    private static void test(JsonNode doc, JsonNode op) throws Failure {
        String path = path(op, "path", "test operation failed to decode path");
        JsonNode expected = value(op);
        if (path.isEmpty()) {
            if (expected == null || !same(doc, expected)) {
                throw new Failure("testing value " + path + " failed: test failed");
            }
            return;
        }
        Target t = findObject(doc, path);
        if (t == null) {
            throw new Failure("test operation does not apply: is missing path: " + path + ": missing value");
        }
        JsonNode actual;
        try {
            actual = get(t);
        } catch (Failure f) {
            throw new Failure("error in test for path: '" + path + "': " + f.getMessage());
        }
        boolean actualNil = actual == null || actual.isNull();
        if (actualNil) {
            if (expected == null || expected.isNull()) {
                return;
            }
            throw new Failure("testing value " + path + " failed: test failed");
        }
        if (expected == null || !same(actual, expected)) {
            throw new Failure("testing value " + path + " failed: test failed");
        }
    }

    private static long copy(JsonNode doc, JsonNode op, long copied) throws Failure {
        String from = path(op, "from", "copy operation failed to decode from");
        Target source = findObject(doc, from);
        if (source == null) {
            throw new Failure("copy operation does not apply: doc is missing from path: " + from + ": missing value");
        }
        JsonNode value;
        try {
            value = get(source);
        } catch (Failure f) {
            throw new Failure("error in copy for from: '" + from + "': " + f.getMessage());
        }
        String path = path(op, "path", "copy operation failed to decode path");
        Target t = findObject(doc, path);
        if (t == null) {
            throw new Failure("copy operation does not apply: doc is missing destination path: " + path
                    + ": missing value");
        }
        JsonNode duplicate = orNull(value).deepCopy();
        long size = value == null ? 0 : duplicate.toString().getBytes(StandardCharsets.UTF_8).length;
        copied += size;
        if (copied > MAX_COPY_BYTES) {
            throw new Failure("Unable to complete the copy, the accumulated size increase of copy is " + copied
                    + ", exceeding the limit " + MAX_COPY_BYTES);
        }
        checkDepth(path, duplicate);
        try {
            addTo(t, duplicate);
        } catch (Failure f) {
            throw new Failure("error while adding value during copy: " + f.getMessage());
        }
        return copied;
    }

    /** Refuses to build an object nested deeper than tinykube can store (see {@link GoJson#MAX_DEPTH}). */
    private static void checkDepth(String path, JsonNode value) throws Failure {
        int segments = path.isEmpty() ? 0 : path.split("/", -1).length - 1;
        if (segments + GoValues.depth(value) > GoJson.MAX_DEPTH) {
            throw new Failure("the patched object would be nested deeper than " + GoJson.MAX_DEPTH + " levels");
        }
    }

    /** The library's {@code findObject}: walks all tokens but the last, which names the target. */
    private static Target findObject(JsonNode doc, String path) {
        String[] split = path.split("/", -1);
        if (split.length < 2) {
            return null;
        }
        JsonNode container = doc;
        for (int i = 1; i < split.length - 1; i++) {
            JsonNode next;
            try {
                next = get(new Target(container, unescape(split[i])));
            } catch (Failure f) {
                return null;
            }
            if (next == null || !next.isContainerNode()) {
                return null;
            }
            container = next;
        }
        return new Target(container, unescape(split[split.length - 1]));
    }

    /** RFC 6901 unescaping in a single left-to-right pass, as {@code strings.NewReplacer("~1", "/", "~0", "~")}. */
    static String unescape(String token) {
        if (token.indexOf('~') < 0) {
            return token;
        }
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '~' && i + 1 < token.length()) {
                char n = token.charAt(i + 1);
                if (n == '1') {
                    out.append('/');
                    i++;
                    continue;
                }
                if (n == '0') {
                    out.append('~');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The value at the target; Java null for an absent member or a JSON null. */
    private static JsonNode get(Target t) throws Failure {
        JsonNode c = t.container();
        if (c.isObject()) {
            JsonNode v = c.get(t.key());
            return v == null || v.isNull() ? null : v;
        }
        int idx = index(c, t.key(), c.size());
        JsonNode v = c.get(idx);
        return v == null || v.isNull() ? null : v;
    }

    /** An existing index for get and set: negative counts from the end; out of range fails. */
    private static int index(JsonNode array, String key, int size) throws Failure {
        long idx = atoi(key);
        if (idx < 0) {
            if (idx < -size) {
                throw new Failure("Unable to access invalid index: " + idx + ": invalid index referenced");
            }
            idx += size;
        }
        if (idx >= size) {
            throw new Failure("Unable to access invalid index: " + idx + ": invalid index referenced");
        }
        return (int) idx;
    }

    private static void set(Target t, JsonNode value) throws Failure {
        JsonNode c = t.container();
        if (c.isObject()) {
            ((ObjectNode) c).set(t.key(), value);
            return;
        }
        ((ArrayNode) c).set(index(c, t.key(), c.size()), value);
    }

    private static void addTo(Target t, JsonNode value) throws Failure {
        JsonNode c = t.container();
        if (c.isObject()) {
            ((ObjectNode) c).set(t.key(), value);
            return;
        }
        ArrayNode array = (ArrayNode) c;
        if (t.key().equals("-")) {
            array.add(value);
            return;
        }
        long idx;
        try {
            idx = atoi(t.key());
        } catch (Failure f) {
            throw new Failure("value was not a proper array index: '" + t.key() + "': " + f.getMessage());
        }
        int size = array.size() + 1;
        if (idx >= size) {
            throw new Failure("Unable to access invalid index: " + idx + ": invalid index referenced");
        }
        if (idx < 0) {
            if (idx < -size) {
                throw new Failure("Unable to access invalid index: " + idx + ": invalid index referenced");
            }
            idx += size;
        }
        array.insert((int) idx, value);
    }

    private static void removeFrom(Target t) throws Failure {
        JsonNode c = t.container();
        if (c.isObject()) {
            if (!c.has(t.key())) {
                throw new Failure("Unable to remove nonexistent key: " + t.key() + ": missing value");
            }
            ((ObjectNode) c).remove(t.key());
            return;
        }
        long idx = atoi(t.key());
        int size = c.size();
        if (idx >= size) {
            throw new Failure("Unable to access invalid index: " + idx + ": invalid index referenced");
        }
        if (idx < 0) {
            if (idx < -size) {
                throw new Failure("Unable to access invalid index: " + idx + ": invalid index referenced");
            }
            idx += size;
        }
        ((ArrayNode) c).remove((int) idx);
    }

    /** Go's {@code strconv.Atoi}: an optional sign and decimal digits, within int64. */
    private static long atoi(String s) throws Failure {
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (start == s.length()) {
            throw new Failure("strconv.Atoi: parsing \"" + s + "\": invalid syntax");
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new Failure("strconv.Atoi: parsing \"" + s + "\": invalid syntax");
            }
        }
        try {
            return Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new Failure("strconv.Atoi: parsing \"" + s + "\": value out of range");
        }
    }

    /**
     * Structural equality as the library's {@code equal}: objects by members (a JSON null member only equals a
     * null member), arrays by elements, scalars by value with integers and floats kept apart (the library
     * compares the compacted source text, where {@code 1} and {@code 1.0} differ).
     */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isObject()) {
            if (!b.isObject() || a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                JsonNode other = b.get(e.getKey());
                if (other == null) {
                    return false;
                }
                if (e.getValue().isNull() || other.isNull()) {
                    if (e.getValue().isNull() != other.isNull()) {
                        return false;
                    }
                    continue;
                }
                if (!same(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            if (!b.isArray() || a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isNull() || b.isNull()) {
            return a.isNull() && b.isNull();
        }
        if (b.isContainerNode()) {
            return false;
        }
        GoValues.Type ta = GoValues.typeOf(a);
        return ta == GoValues.typeOf(b) && GoValues.eq(a, b);
    }
}
