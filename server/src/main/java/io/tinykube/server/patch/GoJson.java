package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Decodes a request body the way upstream's Go code does ({@code sigs.k8s.io/json}, a fork of
 * {@code encoding/json} with int64 preservation), so that malformed bodies fail with the messages upstream
 * sends: the whole input is checked first, syntax errors read {@code invalid character 'x' looking for
 * beginning of value}, {@code unexpected end of JSON input} and so on; integers that fit int64 become integral
 * nodes and every other number a double; invalid UTF-8 in strings becomes U+FFFD; of duplicate keys the last
 * wins.
 *
 * <p>The parser is iterative. It rejects nesting deeper than {@link #MAX_DEPTH} with Go's
 * {@code exceeded max depth} message (Go's limit is 10000; tinykube's objects are read and written by Jackson,
 * whose default limit is 1000, so deeper input could not be stored anyway).
 */
final class GoJson {
    /** Deepest nesting of objects and arrays accepted in a body and produced by a patch. */
    static final int MAX_DEPTH = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A body that Go's decoder rejects; the message is Go's error text. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] in;
    private int pos;

    private GoJson(byte[] in) {
        this.in = in;
    }

    /**
     * Parses one JSON document; JSON null is returned as a NullNode. A number beyond float64 is kept as an
     * {@link Overflow} node: Go fails on it only when it decodes it into an {@code interface{}}, which
     * {@link #overflowError} tells.
     */
    static JsonNode parse(byte[] body) throws SyntaxError {
        return new GoJson(body == null ? new byte[0] : body).document();
    }

    /** A number literal that does not fit a float64. */
    static final class Overflow extends DoubleNode {
        private static final long serialVersionUID = 1L;
        final String literal;

        Overflow(String literal) {
            super(0);
            this.literal = literal;
        }
    }

    /**
     * Go's error for the first number in {@code value} (in document order) that does not fit a float64, or null:
     * {@code json: cannot unmarshal number 1e999 into Go value of type float64}.
     */
    static String overflowError(JsonNode value) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(value);
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n instanceof Overflow o) {
                return "json: cannot unmarshal number " + o.literal + " into Go value of type float64";
            }
            if (n.isContainerNode()) {
                List<JsonNode> children = new ArrayList<>(n.size());
                n.elements().forEachRemaining(children::add);
                for (int i = children.size() - 1; i >= 0; i--) {
                    todo.push(children.get(i));
                }
            }
        }
        return null;
    }

    /** A container being filled, with the key of the member whose value comes next. */
    private static final class Frame {
        final JsonNode node;
        String key;

        Frame(JsonNode node) {
            this.node = node;
        }
    }

    private JsonNode document() throws SyntaxError {
        Deque<Frame> stack = new ArrayDeque<>();
        JsonNode root = null;
        // Each turn reads one value; containers push a frame and continue with their first element.
        outer:
        while (true) {
            skipSpace();
            int c = next();
            JsonNode value;
            switch (c) {
                case '{': {
                    open(stack, c);
                    ObjectNode object = NODES.objectNode();
                    skipSpace();
                    int d = next();
                    if (d == '}') {
                        value = object;
                        break;
                    }
                    if (d != '"') {
                        throw invalid(d, "looking for beginning of object key string");
                    }
                    Frame frame = new Frame(object);
                    frame.key = string();
                    colon();
                    stack.push(frame);
                    continue outer;
                }
                case '[': {
                    open(stack, c);
                    ArrayNode array = NODES.arrayNode();
                    skipSpace();
                    if (pos < in.length && in[pos] == ']') {
                        pos++;
                        value = array;
                        break;
                    }
                    stack.push(new Frame(array));
                    continue outer;
                }
                case '"':
                    value = NODES.textNode(string());
                    break;
                case 't':
                    literal("true");
                    value = NODES.booleanNode(true);
                    break;
                case 'f':
                    literal("false");
                    value = NODES.booleanNode(false);
                    break;
                case 'n':
                    literal("null");
                    value = NODES.nullNode();
                    break;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        value = number(pos - 1);
                        break;
                    }
                    throw invalid(c, "looking for beginning of value");
            }
            // Place the finished value, closing every container it completes.
            while (true) {
                Frame top = stack.peek();
                if (top == null) {
                    root = value;
                    skipSpace();
                    if (pos < in.length) {
                        throw invalid(in[pos] & 0xff, "after top-level value");
                    }
                    return root;
                }
                skipSpace();
                if (top.node.isObject()) {
                    ((ObjectNode) top.node).set(top.key, value);
                    int d = next();
                    if (d == ',') {
                        skipSpace();
                        int e = next();
                        if (e != '"') {
                            throw invalid(e, "looking for beginning of object key string");
                        }
                        top.key = string();
                        colon();
                        continue outer;
                    }
                    if (d != '}') {
                        throw invalid(d, "after object key:value pair");
                    }
                } else {
                    ((ArrayNode) top.node).add(value);
                    int d = next();
                    if (d == ',') {
                        continue outer;
                    }
                    if (d != ']') {
                        throw invalid(d, "after array element");
                    }
                }
                stack.pop();
                value = top.node;
            }
        }
    }

    /** Checks the depth a container opened now would reach; the open containers are the frames on the stack. */
    private static void open(Deque<Frame> stack, int c) throws SyntaxError {
        if (stack.size() + 1 > MAX_DEPTH) {
            throw invalid(c, "exceeded max depth");
        }
    }

    private void colon() throws SyntaxError {
        skipSpace();
        int c = next();
        if (c != ':') {
            throw invalid(c, "after object key");
        }
    }

    private void skipSpace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    /** The next byte; at the end of input, Go's {@code unexpected end of JSON input}. */
    private int next() throws SyntaxError {
        if (pos >= in.length) {
            throw new SyntaxError("unexpected end of JSON input");
        }
        return in[pos++] & 0xff;
    }

    private void literal(String word) throws SyntaxError {
        for (int i = 1; i < word.length(); i++) {
            int c = next();
            if (c != word.charAt(i)) {
                throw invalid(c, "in literal " + word + " (expecting " + quoteChar(word.charAt(i)) + ")");
            }
        }
    }

    private JsonNode number(int start) throws SyntaxError {
        int c = in[start] & 0xff;
        boolean integral = true;
        if (c == '-') {
            c = next();
            if (c < '0' || c > '9') {
                throw invalid(c, "in numeric literal");
            }
        }
        if (c != '0') {
            while (pos < in.length && isDigit(in[pos])) {
                pos++;
            }
        }
        if (pos < in.length && in[pos] == '.') {
            integral = false;
            pos++;
            int d = next();
            if (!isDigit((byte) d)) {
                throw invalid(d, "after decimal point in numeric literal");
            }
            while (pos < in.length && isDigit(in[pos])) {
                pos++;
            }
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            integral = false;
            pos++;
            int d = next();
            if (d == '+' || d == '-') {
                d = next();
            }
            if (!isDigit((byte) d)) {
                throw invalid(d, "in exponent of numeric literal");
            }
            while (pos < in.length && isDigit(in[pos])) {
                pos++;
            }
        }
        String text = new String(in, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII);
        if (integral) {
            try {
                long l = Long.parseLong(text);
                return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
            } catch (NumberFormatException tooBig) {
                // Beyond int64: Go decodes it as a float64.
            }
        }
        double d = Double.parseDouble(text);
        return Double.isInfinite(d) ? new Overflow(text) : NODES.numberNode(d);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The rest of a string whose opening quote was read, decoded as Go does. */
    private String string() throws SyntaxError {
        StringBuilder out = new StringBuilder();
        while (true) {
            int c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                int e = next();
                switch (e) {
                    case '"': out.append('"'); break;
                    case '\\': out.append('\\'); break;
                    case '/': out.append('/'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'u': {
                        int r = hex4();
                        if (Character.isSurrogate((char) r)) {
                            // A valid pair is two escapes; anything else is U+FFFD, and the second escape stays.
                            if (Character.isHighSurrogate((char) r) && pos + 1 < in.length
                                    && in[pos] == '\\' && in[pos + 1] == 'u' && lowSurrogateFollows()) {
                                pos += 2;
                                int low = hex4();
                                out.appendCodePoint(Character.toCodePoint((char) r, (char) low));
                            } else {
                                out.append('\uFFFD');
                            }
                        } else {
                            out.append((char) r);
                        }
                        break;
                    }
                    default:
                        throw invalid(e, "in string escape code");
                }
                continue;
            }
            if (c < 0x20) {
                throw invalid(c, "in string literal");
            }
            if (c < 0x80) {
                out.append((char) c);
                continue;
            }
            pos--;
            out.appendCodePoint(utf8Rune());
        }
    }

    private boolean lowSurrogateFollows() {
        if (pos + 6 > in.length) {
            return false;
        }
        int v = 0;
        for (int i = pos + 2; i < pos + 6; i++) {
            int h = Character.digit(in[i], 16);
            if (h < 0) {
                return false;
            }
            v = v * 16 + h;
        }
        return Character.isLowSurrogate((char) v);
    }

    private int hex4() throws SyntaxError {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int c = next();
            int h = c < 0x80 ? Character.digit(c, 16) : -1;
            if (h < 0) {
                throw invalid(c, "in \\u hexadecimal character escape");
            }
            v = v * 16 + h;
        }
        return v;
    }

    /** One rune of raw UTF-8 inside a string; invalid bytes become U+FFFD one at a time, as utf8.DecodeRune does. */
    private int utf8Rune() {
        int b0 = in[pos] & 0xff;
        int need;
        int min = 0x80;
        int max = 0xbf;
        int cp;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            need = 1;
            cp = b0 & 0x1f;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            need = 2;
            cp = b0 & 0x0f;
            if (b0 == 0xe0) {
                min = 0xa0;
            } else if (b0 == 0xed) {
                max = 0x9f;
            }
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            need = 3;
            cp = b0 & 0x07;
            if (b0 == 0xf0) {
                min = 0x90;
            } else if (b0 == 0xf4) {
                max = 0x8f;
            }
        } else {
            pos++;
            return 0xFFFD;
        }
        for (int i = 1; i <= need; i++) {
            int at = pos + i;
            if (at >= in.length) {
                pos++;
                return 0xFFFD;
            }
            int b = in[at] & 0xff;
            int lo = i == 1 ? min : 0x80;
            int hi = i == 1 ? max : 0xbf;
            if (b < lo || b > hi) {
                pos++;
                return 0xFFFD;
            }
            cp = (cp << 6) | (b & 0x3f);
        }
        pos += need + 1;
        return cp;
    }

    private static SyntaxError invalid(int c, String context) {
        return new SyntaxError("invalid character " + quoteChar(c) + " " + context);
    }

    /** Go's {@code quoteChar}: the byte as a rune, quoted the way {@code strconv.Quote} would, in single quotes. */
    static String quoteChar(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String s;
        switch (c) {
            case 7: s = "\\a"; break;
            case '\b': s = "\\b"; break;
            case '\f': s = "\\f"; break;
            case '\n': s = "\\n"; break;
            case '\r': s = "\\r"; break;
            case '\t': s = "\\t"; break;
            case 11: s = "\\v"; break;
            case '\\': s = "\\\\"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    s = String.format("\\x%02x", c);
                } else if (c < 0x7f) {
                    s = String.valueOf((char) c);
                } else if (c <= 0xa0 || c == 0xad) {
                    s = String.format("\\u%04x", c);
                } else {
                    s = String.valueOf((char) c);
                }
        }
        return "'" + s + "'";
    }
}
