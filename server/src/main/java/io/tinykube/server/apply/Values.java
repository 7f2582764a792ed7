package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tinykube.server.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Value semantics of structured-merge-diff ({@code value/value.go}) on Jackson trees, and the
 * Go-compatible text forms upstream produces: compact JSON as Go's {@code encoding/json} writes it
 * (sorted object keys, HTML-safe escaping) and {@code %v}/{@code %q} as used in conflict paths.
 */
final class Values {
    private Values() {
    }

    /** Deep equality with numbers compared by value (an int 80 equals a float 80.0), objects unordered. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.isNumber() || b.isNumber()) {
            return a.isNumber() && b.isNumber() && compareNumbers(a, b) == 0;
        }
        if (a.isTextual()) {
            return b.isTextual() && a.textValue().equals(b.textValue());
        }
        if (a.isBoolean()) {
            return b.isBoolean() && a.booleanValue() == b.booleanValue();
        }
        if (a.isArray()) {
            if (!b.isArray() || a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (!b.isObject() || a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> it = a.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !equal(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isNull()) {
            return b.isNull();
        }
        return a.equals(b);
    }

    private static int rank(JsonNode v) {
        if (v.isNumber()) {
            return 0;
        }
        if (v.isTextual()) {
            return 2;
        }
        if (v.isBoolean()) {
            return 3;
        }
        if (v.isArray()) {
            return 4;
        }
        if (v.isObject()) {
            return 5;
        }
        return 6; // null and anything else
    }

    /** The total order of {@code value.Compare}: numbers, strings, booleans, lists, maps, null. */
    static int compare(JsonNode a, JsonNode b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 0:
                return compareNumbers(a, b);
            case 2:
                return Json.compareGoStrings(a.textValue(), b.textValue());
            case 3:
                return Boolean.compare(a.booleanValue(), b.booleanValue());
            case 4: {
                int n = Math.min(a.size(), b.size());
                for (int i = 0; i < n; i++) {
                    int c = compare(a.get(i), b.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(a.size(), b.size());
            }
            case 5: {
                List<String> ka = sortedKeys(a);
                List<String> kb = sortedKeys(b);
                int n = Math.min(ka.size(), kb.size());
                for (int i = 0; i < n; i++) {
                    int c = Json.compareGoStrings(ka.get(i), kb.get(i));
                    if (c != 0) {
                        return c;
                    }
                    c = compare(a.get(ka.get(i)), b.get(kb.get(i)));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(ka.size(), kb.size());
            }
            default:
                return 0;
        }
    }

    static int compareNumbers(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
            return Long.compare(a.longValue(), b.longValue());
        }
        return decimal(a).compareTo(decimal(b));
    }

    private static BigDecimal decimal(JsonNode n) {
        if (n.isIntegralNumber()) {
            return new BigDecimal(n.bigIntegerValue());
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return BigDecimal.ZERO;
        }
        return n.decimalValue();
    }


    static List<String> sortedKeys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        keys.sort(Json::compareGoStrings);
        return keys;
    }

    /** Compact JSON as Go's encoding/json writes it: object keys sorted, {@code <>&} escaped. */
    static String goJson(JsonNode v) {
        StringBuilder sb = new StringBuilder();
        writeGoJson(sb, v);
        return sb.toString();
    }

    static void writeGoJson(StringBuilder sb, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            sb.append("null");
        } else if (v.isTextual()) {
            goJsonString(sb, v.textValue());
        } else if (v.isBoolean()) {
            sb.append(v.booleanValue());
        } else if (v.isNumber()) {
            sb.append(jsonNumber(v));
        } else if (v.isArray()) {
            sb.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                writeGoJson(sb, v.get(i));
            }
            sb.append(']');
        } else if (v.isObject()) {
            sb.append('{');
            boolean first = true;
            for (String k : sortedKeys(v)) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                goJsonString(sb, k);
                sb.append(':');
                writeGoJson(sb, v.get(k));
            }
            sb.append('}');
        } else {
            goJsonString(sb, v.asText());
        }
    }

    static void goJsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '<':
                case '>':
                case '&':
                case '\u2028':
                case '\u2029':
                    sb.append(String.format("\\u%04x", (int) c));
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** A number as encoding/json writes a float64 (plain unless the exponent is below -6 or at least 21). */
    static String jsonNumber(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -6 || exp >= 21) {
            return exponentForm(bd, exp, false);
        }
        return bd.toPlainString();
    }

    /**
     * A number as Go's {@code %v} prints a float64 (shortest form, exponent when below -4 or at least 6);
     * upstream's key values are always float64 because managed sets are decoded from JSON.
     */
    static String goNumber(JsonNode n) {
        BigDecimal bd;
        if (n.isIntegralNumber()) {
            bd = new BigDecimal(n.bigIntegerValue());
        } else {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "+Inf" : "-Inf";
            }
            bd = new BigDecimal(Double.toString(d));
        }
        if (bd.signum() == 0) {
            return "0";
        }
        bd = bd.stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            return exponentForm(bd, exp, true);
        }
        return bd.toPlainString();
    }

    private static String exponentForm(BigDecimal bd, int exp, boolean twoDigitExponent) {
        String digits = bd.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (bd.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        String e = Integer.toString(Math.abs(exp));
        if (twoDigitExponent && e.length() < 2) {
            sb.append('0');
        }
        sb.append(e);
        return sb.toString();
    }

    /** Go's {@code %q} of a string ({@code strconv.Quote}). */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case 7:
                    sb.append("\\a");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case 11:
                    sb.append("\\v");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                        sb.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /** {@code value.ToString}: the human form used inside conflict paths. */
    static String goString(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isNumber()) {
            return goNumber(v);
        }
        if (v.isTextual()) {
            return goQuote(v.textValue());
        }
        if (v.isBoolean()) {
            return Boolean.toString(v.booleanValue());
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : v) {
                parts.add(goString(e));
            }
            return "[" + String.join(",", parts) + "]";
        }
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder();
            for (String k : sortedKeys(v)) {
                sb.append(k).append('=').append(goString(v.get(k)));
            }
            return sb.toString();
        }
        return "{{undefined}}";
    }

    /**
     * Whether {@code v} nests objects and arrays deeper than {@code max} levels, found without recursion
     * (so a hostile document cannot exhaust the small thread stacks the server runs with).
     */
    static boolean deeperThan(JsonNode v, int max) {
        if (v == null) {
            return false;
        }
        java.util.ArrayDeque<JsonNode> nodes = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        nodes.push(v);
        depths.push(0);
        while (!nodes.isEmpty()) {
            JsonNode n = nodes.pop();
            int d = depths.pop();
            if (n.isContainerNode()) {
                if (d + 1 > max) {
                    return true;
                }
                for (JsonNode c : n) {
                    if (c.isContainerNode()) {
                        nodes.push(c);
                        depths.push(d + 1);
                    }
                }
            }
        }
        return false;
    }

    static boolean isEmptyContainer(JsonNode v) {
        return v == null || v.isNull() || ((v.isObject() || v.isArray()) && v.isEmpty());
    }

    static ObjectNode objectOrNull(JsonNode v) {
        return v instanceof ObjectNode ? (ObjectNode) v : null;
    }

    static ArrayNode arrayOrNull(JsonNode v) {
        return v instanceof ArrayNode ? (ArrayNode) v : null;
    }

    static String typeName(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isObject()) {
            return "object";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
