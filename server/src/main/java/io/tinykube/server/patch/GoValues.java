package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.JsonNode;

import io.tinykube.server.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON values seen as the Go values upstream's patch code works on ({@code map[string]interface{}},
 * {@code []interface{}}, string, bool, int64, float64, nil): their dynamic types, Go's {@code ==} on
 * interfaces, and {@code fmt}'s {@code %v} and {@code %s}, which upstream's error messages are made of.
 */
final class GoValues {
    private GoValues() {
    }

    /** The dynamic type of a decoded JSON value; {@link #NIL} for JSON null and for an absent value. */
    enum Type {
        MAP("map[string]interface {}"),
        SLICE("[]interface {}"),
        STRING("string"),
        BOOL("bool"),
        INT64("int64"),
        FLOAT64("float64"),
        NIL(null);

        final String goName;

        Type(String goName) {
            this.goName = goName;
        }
    }

    static Type typeOf(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Type.NIL;
        }
        if (n.isObject()) {
            return Type.MAP;
        }
        if (n.isArray()) {
            return Type.SLICE;
        }
        if (n.isBoolean()) {
            return Type.BOOL;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? Type.INT64 : Type.FLOAT64;
        }
        if (n.isNumber()) {
            return Type.FLOAT64;
        }
        return Type.STRING;
    }

    /** {@code reflect.TypeOf(v)} printed with {@code %s}. */
    static String typeString(JsonNode n) {
        Type t = typeOf(n);
        return t == Type.NIL ? "%!s(<nil>)" : t.goName;
    }

    /** Go's {@code a == b} on two {@code interface{}} values; comparing two maps or two slices panics in Go. */
    static boolean eq(JsonNode a, JsonNode b) {
        Type ta = typeOf(a);
        Type tb = typeOf(b);
        if (ta != tb) {
            return false;
        }
        switch (ta) {
            case NIL:
                return true;
            case MAP:
            case SLICE:
                throw PatchException.panic("runtime error: comparing uncomparable type " + ta.goName);
            case STRING:
                return a.asText().equals(b.asText());
            case BOOL:
                return a.booleanValue() == b.booleanValue();
            case INT64:
                return a.longValue() == b.longValue();
            default:
                return a.doubleValue() == b.doubleValue();
        }
    }

    /** Fails the way Go does when a value is used as a map key ({@code map[interface{}]...}). */
    static void requireHashable(JsonNode n) {
        Type t = typeOf(n);
        if (t == Type.MAP || t == Type.SLICE) {
            throw PatchException.panic("runtime error: hash of unhashable type " + t.goName);
        }
    }

    /** {@code fmt.Sprintf("%v", v)}. */
    static String v(JsonNode n) {
        StringBuilder out = new StringBuilder();
        format(n, false, out);
        return out.toString();
    }

    /** {@code fmt.Sprintf("%s", v)}. */
    static String s(JsonNode n) {
        StringBuilder out = new StringBuilder();
        format(n, true, out);
        return out.toString();
    }

    /** {@code fmt.Sprint(slices)} for a {@code [][]interface{}}. */
    static String v(List<List<JsonNode>> slices) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < slices.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append('[');
            List<JsonNode> slice = slices.get(i);
            for (int j = 0; j < slice.size(); j++) {
                if (j > 0) {
                    out.append(' ');
                }
                format(slice.get(j), false, out);
            }
            out.append(']');
        }
        return out.append(']').toString();
    }

    private static void format(JsonNode n, boolean verbS, StringBuilder out) {
        Type t = typeOf(n);
        switch (t) {
            case NIL:
                out.append(verbS ? "%!s(<nil>)" : "<nil>");
                return;
            case MAP: {
                out.append("map[");
                List<String> keys = new ArrayList<>();
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    keys.add(it.next());
                }
                keys.sort(Json::compareGoStrings);
                boolean first = true;
                for (String k : keys) {
                    if (!first) {
                        out.append(' ');
                    }
                    first = false;
                    out.append(k).append(':');
                    format(n.get(k), verbS, out);
                }
                out.append(']');
                return;
            }
            case SLICE: {
                out.append('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    format(n.get(i), verbS, out);
                }
                out.append(']');
                return;
            }
            case STRING:
                out.append(n.asText());
                return;
            default:
                String text = scalarText(n, t);
                if (verbS) {
                    out.append("%!s(").append(t.goName).append('=').append(text).append(')');
                } else {
                    out.append(text);
                }
        }
    }

    private static String scalarText(JsonNode n, Type t) {
        switch (t) {
            case BOOL:
                return String.valueOf(n.booleanValue());
            case INT64:
                return String.valueOf(n.longValue());
            default:
                return formatFloat(n.doubleValue());
        }
    }

    /** Go's {@code %v} for a float64: {@code %g} with the shortest representation, exponent from 1e+06 on. */
    static String formatFloat(double f) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        if (f == 0) {
            return 1 / f < 0 ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        StringBuilder out = new StringBuilder(f < 0 ? "-" : "");
        if (exp < -4 || exp >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) {
                out.append('0');
            }
            out.append(e);
        } else if (exp < 0) {
            out.append("0.");
            for (int i = -1; i > exp; i--) {
                out.append('0');
            }
            out.append(digits);
        } else if (digits.length() <= exp + 1) {
            out.append(digits);
            for (int i = digits.length(); i <= exp; i++) {
                out.append('0');
            }
        } else {
            out.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
        }
        return out.toString();
    }


    /** The name Go's decoder uses for a JSON value in {@code cannot unmarshal X into ...}. */
    static String jsonKind(JsonNode n) {
        if (n.isObject()) {
            return "object";
        }
        if (n.isArray()) {
            return "array";
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        return "number";
    }

    /** Nesting depth: 0 for a scalar, 1 plus the deepest child for a container; computed without recursion. */
    static int depth(JsonNode root) {
        int max = 0;
        ArrayList<JsonNode> nodes = new ArrayList<>();
        ArrayList<Integer> levels = new ArrayList<>();
        nodes.add(root);
        levels.add(1);
        while (!nodes.isEmpty()) {
            JsonNode n = nodes.remove(nodes.size() - 1);
            int level = levels.remove(levels.size() - 1);
            if (n == null || !n.isContainerNode()) {
                continue;
            }
            max = Math.max(max, level);
            if (n.isObject()) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    nodes.add(e.getValue());
                    levels.add(level + 1);
                }
            } else {
                for (JsonNode child : n) {
                    nodes.add(child);
                    levels.add(level + 1);
                }
            }
        }
        return max;
    }
}
