package io.tinykube.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code ?fieldSelector=a=b,c!=d} over the field labels a type supports (upstream's fields.ParseSelector). */
public final class FieldSelector {
    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private record Term(String field, boolean equals, String value, Function<JsonNode, String> reader) {
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }

    public boolean matches(JsonNode object) {
        for (Term term : terms) {
            String actual = term.reader().apply(object);
            if (actual == null) {
                actual = "";
            }
            if (actual.equals(term.value()) != term.equals()) {
                return false;
            }
        }
        return true;
    }

    /** The value a selector requires for a field with '=', if any (lets a list narrow by name). */
    public String requiredValue(String field) {
        for (Term term : terms) {
            if (term.equals() && term.field().equals(field)) {
                return term.value();
            }
        }
        return null;
    }

    public static FieldSelector parse(String text, Map<String, Function<JsonNode, String>> labels) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : splitUnescaped(text)) {
            String term = part.trim();
            if (term.isEmpty()) {
                continue;
            }
            boolean equals;
            int at;
            int width;
            if ((at = term.indexOf("!=")) >= 0) {
                equals = false;
                width = 2;
            } else if ((at = term.indexOf("==")) >= 0) {
                equals = true;
                width = 2;
            } else if ((at = term.indexOf('=')) >= 0) {
                equals = true;
                width = 1;
            } else {
                throw ApiException.badRequest("invalid selector: '" + text + "'; can't understand '" + term + "'");
            }
            String field = term.substring(0, at).trim();
            String value = unescape(term.substring(at + width).trim());
            Function<JsonNode, String> reader = labels.get(field);
            if (reader == null) {
                throw ApiException.badRequest("field label not supported: " + field);
            }
            terms.add(new Term(field, equals, value, reader));
        }
        return new FieldSelector(List.copyOf(terms));
    }

    private static List<String> splitUnescaped(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == ',') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unescape(String value) {
        return value.replace("\\,", ",").replace("\\=", "=").replace("\\\\", "\\");
    }
}
