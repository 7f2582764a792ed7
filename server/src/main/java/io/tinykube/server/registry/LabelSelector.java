package io.tinykube.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A label selector in the syntax of {@code ?labelSelector=} (upstream's labels.Parse): {@code a=b},
 * {@code a==b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a},
 * {@code a>1}, {@code a<1}, joined by commas.
 */
public final class LabelSelector {
    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());
    /** Selects nothing: no label value is in an empty set. */
    public static final LabelSelector NOTHING = new LabelSelector(List.of(new Requirement("", Operator.IN, Set.of())));

    private enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

    private record Requirement(String key, Operator operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
                case GREATER_THAN, LESS_THAN -> compare(value);
            };
        }

        private boolean compare(String value) {
            if (value == null) {
                return false;
            }
            try {
                long actual = Long.parseLong(value);
                long bound = Long.parseLong(values.iterator().next());
                return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(JsonNode object) {
        return isEverything() || matches(Objects.labels(object));
    }

    /**
     * A {@code metav1.LabelSelector} object (matchLabels + matchExpressions with In, NotIn, Exists, DoesNotExist):
     * null selects nothing, an empty selector everything, and one with an unknown operator nothing.
     */
    public static LabelSelector fromObject(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        selector.path("matchLabels").fields().forEachRemaining(entry ->
                requirements.add(new Requirement(entry.getKey(), Operator.EQUALS, Set.of(entry.getValue().asText()))));
        LabelSelector expressions = fromExpressions(selector.path("matchExpressions"), false);
        if (expressions == NOTHING) {
            return NOTHING;
        }
        requirements.addAll(expressions.requirements);
        return new LabelSelector(List.copyOf(requirements));
    }

    /**
     * Requirements {@code {key, operator, values}} as a node selector term's matchExpressions hold them (In, NotIn,
     * Exists, DoesNotExist, Gt, Lt with one integer value); an unknown operator or a malformed Gt/Lt selects nothing.
     */
    public static LabelSelector fromExpressions(JsonNode expressions) {
        return fromExpressions(expressions, true);
    }

    private static LabelSelector fromExpressions(JsonNode expressions, boolean numeric) {
        List<Requirement> requirements = new ArrayList<>();
        for (JsonNode expression : expressions) {
            Set<String> values = new TreeSet<>();
            expression.path("values").forEach(value -> values.add(value.asText()));
            Operator operator = switch (expression.path("operator").asText()) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                case "Gt" -> numeric && isOneInteger(values) ? Operator.GREATER_THAN : null;
                case "Lt" -> numeric && isOneInteger(values) ? Operator.LESS_THAN : null;
                default -> null;
            };
            if (operator == null) {
                return NOTHING;
            }
            requirements.add(new Requirement(expression.path("key").asText(), operator, values));
        }
        return new LabelSelector(List.copyOf(requirements));
    }

    private static boolean isOneInteger(Set<String> values) {
        if (values.size() != 1) {
            return false;
        }
        try {
            Long.parseLong(values.iterator().next());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        Lexer lexer = new Lexer(text);
        while (true) {
            lexer.skipSpaces();
            if (lexer.atEnd()) {
                break;
            }
            requirements.add(requirement(lexer, text));
            lexer.skipSpaces();
            if (lexer.atEnd()) {
                break;
            }
            if (!lexer.consume(",")) {
                throw invalid(text, "expected ',' at position " + lexer.position);
            }
        }
        return new LabelSelector(List.copyOf(requirements));
    }

    private static Requirement requirement(Lexer lexer, String text) {
        if (lexer.consume("!")) {
            return new Requirement(key(lexer, text), Operator.DOES_NOT_EXIST, Set.of());
        }
        String key = key(lexer, text);
        lexer.skipSpaces();
        if (lexer.atEnd() || lexer.peek() == ',') {
            return new Requirement(key, Operator.EXISTS, Set.of());
        }
        if (lexer.consume("==") || lexer.consume("=")) {
            return new Requirement(key, Operator.EQUALS, Set.of(value(lexer, text)));
        }
        if (lexer.consume("!=")) {
            return new Requirement(key, Operator.NOT_EQUALS, Set.of(value(lexer, text)));
        }
        if (lexer.consume(">")) {
            return new Requirement(key, Operator.GREATER_THAN, Set.of(integer(lexer, text)));
        }
        if (lexer.consume("<")) {
            return new Requirement(key, Operator.LESS_THAN, Set.of(integer(lexer, text)));
        }
        if (lexer.consumeWord("notin")) {
            return new Requirement(key, Operator.NOT_IN, set(lexer, text));
        }
        if (lexer.consumeWord("in")) {
            return new Requirement(key, Operator.IN, set(lexer, text));
        }
        throw invalid(text, "found '" + lexer.rest() + "', expected: in, notin, =, ==, !=, gt, lt");
    }

    private static String key(Lexer lexer, String text) {
        lexer.skipSpaces();
        String key = lexer.token();
        if (key.isEmpty()) {
            throw invalid(text, "found '" + lexer.rest() + "', expected: !, identifier, or 'end of string'");
        }
        List<String> problems = Names.qualifiedNameErrors(key);
        if (!problems.isEmpty()) {
            throw invalid(text, "key: Invalid value: \"" + key + "\": " + problems.get(0));
        }
        return key;
    }

    private static String value(Lexer lexer, String text) {
        lexer.skipSpaces();
        String value = lexer.token();
        List<String> problems = Names.labelValueErrors(value);
        if (!problems.isEmpty()) {
            throw invalid(text, "values[0][" + value + "]: Invalid value: \"" + value + "\": " + problems.get(0));
        }
        return value;
    }

    private static String integer(Lexer lexer, String text) {
        String value = value(lexer, text);
        try {
            Long.parseLong(value);
            return value;
        } catch (NumberFormatException e) {
            throw invalid(text, "for 'Gt', 'Lt' operators, the value must be an integer");
        }
    }

    private static Set<String> set(Lexer lexer, String text) {
        lexer.skipSpaces();
        if (!lexer.consume("(")) {
            throw invalid(text, "found '" + lexer.rest() + "', expected: '('");
        }
        Set<String> values = new TreeSet<>();
        while (true) {
            values.add(value(lexer, text));
            lexer.skipSpaces();
            if (lexer.consume(")")) {
                return values;
            }
            if (!lexer.consume(",")) {
                throw invalid(text, "found '" + lexer.rest() + "', expected: ',', or ')'");
            }
        }
    }

    private static ApiException invalid(String text, String why) {
        return ApiException.badRequest("unable to parse requirement: " + why);
    }

    private static final class Lexer {
        private final String text;
        private int position;

        Lexer(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char peek() {
            return text.charAt(position);
        }

        String rest() {
            return text.substring(Math.min(position, text.length()));
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                position++;
            }
        }

        boolean consume(String symbol) {
            if (text.startsWith(symbol, position)) {
                position += symbol.length();
                return true;
            }
            return false;
        }

        boolean consumeWord(String word) {
            int end = position + word.length();
            if (text.startsWith(word, position) && (end >= text.length() || text.charAt(end) == ' ' || text.charAt(end) == '(')) {
                position = end;
                return true;
            }
            return false;
        }

        String token() {
            int start = position;
            while (!atEnd() && "=!<>,() ".indexOf(peek()) < 0) {
                position++;
            }
            return text.substring(start, position);
        }
    }
}
