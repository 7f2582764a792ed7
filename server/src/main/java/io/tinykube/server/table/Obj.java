package io.tinykube.server.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only, null-safe access to an API object's JSON. A missing or {@code null} field reads as Go's zero value:
 * {@code ""}, {@code 0}, {@code false}, an empty list or map, or a {@code null} time.
 */
final class Obj {
    /** Go's zero {@code time.Time}, which {@code metav1.Time.IsZero} also reports as zero. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final JsonNode node;

    Obj(JsonNode node) {
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    JsonNode node() {
        return node;
    }

    JsonNode at(String... path) {
        JsonNode current = node;
        for (String field : path) {
            if (current == null || !current.isObject()) {
                return MissingNode.getInstance();
            }
            current = current.get(field);
        }
        return current == null ? MissingNode.getInstance() : current;
    }

    Obj get(String... path) {
        return new Obj(at(path));
    }

    /** Whether the field is present and not {@code null} (Go: a non-nil pointer). */
    boolean has(String... path) {
        JsonNode value = at(path);
        return !value.isMissingNode() && !value.isNull();
    }

    String str(String... path) {
        JsonNode value = at(path);
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return "";
        }
        return value.asText();
    }

    /** The string, or {@code fallback} when it is missing or empty (an API default the server would have set). */
    String strOr(String fallback, String... path) {
        String value = str(path);
        return value.isEmpty() ? fallback : value;
    }

    long i64(String... path) {
        JsonNode value = at(path);
        if (value.isNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    boolean bool(String... path) {
        JsonNode value = at(path);
        return value.isBoolean() ? value.asBoolean() : "true".equals(value.asText(""));
    }

    List<Obj> list(String... path) {
        JsonNode value = at(path);
        List<Obj> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                items.add(new Obj(item));
            }
        }
        return items;
    }

    List<String> strings(String... path) {
        List<String> items = new ArrayList<>();
        for (Obj item : list(path)) {
            items.add(item.str());
        }
        return items;
    }

    /** Size of an array or object field; 0 when missing. */
    int size(String... path) {
        JsonNode value = at(path);
        return value.isContainerNode() ? value.size() : 0;
    }

    /** A string map ({@code labels}, {@code nodeSelector}…) in document order. */
    Map<String, String> stringMap(String... path) {
        JsonNode value = at(path);
        Map<String, String> map = new LinkedHashMap<>();
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
        }
        return map;
    }

    /** An RFC 3339 timestamp ({@code metav1.Time} or {@code MicroTime}); {@code null} when missing, zero or unreadable. */
    Instant time(String... path) {
        String text = str(path);
        if (text.isEmpty()) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return instant.equals(GO_ZERO_TIME) ? null : instant;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    String name() {
        return str("metadata", "name");
    }

    /** Go's {@code a.Before(b)} on times where {@code null} is the zero time. */
    static boolean before(Instant a, Instant b) {
        if (b == null) {
            return false;
        }
        return a == null || a.isBefore(b);
    }
}
