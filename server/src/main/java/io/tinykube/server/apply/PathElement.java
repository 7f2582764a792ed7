package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tinykube.server.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a field path, as in structured-merge-diff's {@code fieldpath.PathElement}: a field name
 * ({@code f:name}), an associative-list key ({@code k:{"name":"web"}}), a set member ({@code v:"x"}) or
 * an index into a list ({@code i:0}, only seen in sets written before list types existed).
 * Immutable; ordered fields &lt; keys &lt; values &lt; indexes.
 */
public final class PathElement implements Comparable<PathElement> {

    /** Which of the four forms an element takes. */
    public enum Type { FIELD, KEY, VALUE, INDEX }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Type type;
    private final String field;
    /** Key fields sorted by name. */
    private final List<Map.Entry<String, JsonNode>> key;
    private final JsonNode value;
    private final int index;

    private PathElement(Type type, String field, List<Map.Entry<String, JsonNode>> key, JsonNode value, int index) {
        this.type = type;
        this.field = field;
        this.key = key;
        this.value = value;
        this.index = index;
    }

    public static PathElement field(String name) {
        return new PathElement(Type.FIELD, Objects.requireNonNull(name), null, null, 0);
    }

    /** An associative-list key; {@code fields} is an object of key field name to value. */
    public static PathElement key(ObjectNode fields) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        fields.fields().forEachRemaining(e -> entries.add(Map.entry(e.getKey(), e.getValue().deepCopy())));
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("associative list key type path elements must have at least one key (got zero)");
        }
        entries.sort((a, b) -> Json.compareGoStrings(a.getKey(), b.getKey()));
        return new PathElement(Type.KEY, null, Collections.unmodifiableList(entries), null, 0);
    }

    public static PathElement value(JsonNode value) {
        return new PathElement(Type.VALUE, null, null, Objects.requireNonNull(value).deepCopy(), 0);
    }

    public static PathElement index(int index) {
        return new PathElement(Type.INDEX, null, null, null, index);
    }

    public Type type() {
        return type;
    }

    /** The field name of a FIELD element, else null. */
    public String fieldName() {
        return field;
    }

    /** The key fields of a KEY element (a copy), else null. */
    public ObjectNode keyFields() {
        if (key == null) {
            return null;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        key.forEach(e -> o.set(e.getKey(), e.getValue().deepCopy()));
        return o;
    }

    /** The member value of a VALUE element (a copy), else null. */
    public JsonNode memberValue() {
        return value == null ? null : value.deepCopy();
    }

    public int indexValue() {
        return index;
    }

    /** The FieldsV1 form: {@code f:name}, {@code k:{...}}, {@code v:<json>}, {@code i:<n>}. */
    public String serialize() {
        switch (type) {
            case FIELD:
                return "f:" + field;
            case KEY: {
                StringBuilder sb = new StringBuilder("k:{");
                for (int i = 0; i < key.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    Values.goJsonString(sb, key.get(i).getKey());
                    sb.append(':');
                    Values.writeGoJson(sb, key.get(i).getValue());
                }
                return sb.append('}').toString();
            }
            case VALUE:
                return "v:" + Values.goJson(value);
            default:
                return "i:" + index;
        }
    }

    /**
     * Parses the FieldsV1 form of one element. Unknown prefixes yield null (upstream drops them so a
     * newer format does not break an older reader); malformed known forms throw.
     */
    public static PathElement deserialize(String s) {
        if (s.length() < 2) {
            throw new IllegalArgumentException("key must be 2 characters long: " + Values.goQuote(s));
        }
        if (s.charAt(1) != ':') {
            throw new IllegalArgumentException("missing colon: " + s);
        }
        String rest = s.substring(2);
        switch (s.charAt(0)) {
            case 'f':
                return field(rest);
            case 'v': {
                JsonNode v = parseJson(rest, s);
                return value(v);
            }
            case 'k': {
                JsonNode v = parseJson(rest, s);
                if (!v.isObject()) {
                    throw new IllegalArgumentException("key path element must be a JSON object: " + s);
                }
                return key((ObjectNode) v);
            }
            case 'i':
                try {
                    return index(Integer.parseInt(rest));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid index path element: " + s);
                }
            default:
                return null;
        }
    }

    private static JsonNode parseJson(String text, String element) {
        try {
            JsonNode v = MAPPER.readTree(text);
            if (v == null || v.isMissingNode()) {
                throw new IllegalArgumentException("empty value in path element: " + element);
            }
            return v;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON in path element " + element + ": " + e.getOriginalMessage());
        }
    }

    /** Upstream's human form: {@code .name}, {@code [name="web"]}, {@code [="x"]}, {@code [0]}. */
    @Override
    public String toString() {
        switch (type) {
            case FIELD:
                return "." + field;
            case KEY: {
                List<String> parts = new ArrayList<>();
                for (Map.Entry<String, JsonNode> e : key) {
                    parts.add(e.getKey() + "=" + Values.goString(e.getValue()));
                }
                return "[" + String.join(",", parts) + "]";
            }
            case VALUE:
                return "[=" + Values.goString(value) + "]";
            default:
                return "[" + index + "]";
        }
    }

    @Override
    public int compareTo(PathElement o) {
        if (type != o.type) {
            return Integer.compare(type.ordinal(), o.type.ordinal());
        }
        switch (type) {
            case FIELD:
                return Json.compareGoStrings(field, o.field);
            case KEY: {
                int n = Math.min(key.size(), o.key.size());
                for (int i = 0; i < n; i++) {
                    int c = Json.compareGoStrings(key.get(i).getKey(), o.key.get(i).getKey());
                    if (c != 0) {
                        return c;
                    }
                    c = Values.compare(key.get(i).getValue(), o.key.get(i).getValue());
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(key.size(), o.key.size());
            }
            case VALUE:
                return Values.compare(value, o.value);
            default:
                return Integer.compare(index, o.index);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathElement && compareTo((PathElement) o) == 0;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + toString().hashCode();
    }
}
