package io.tinykube.server.api.protobuf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a Kubernetes protobuf message as the JSON Go's encoding/json would write for the same Go value, walking
 * its descriptor:
 * <ul>
 * <li>field names are the .proto names, which are the Go JSON names (a few exceptions and the {@code ,inline}
 * embeddings are in {@code field-rules.txt}); fields keep the declaration order, which is the Go struct order;
 * <li>an absent field is left out, and so is a present zero scalar (client-go writes every non-pointer field, Go's
 * JSON omits it), unless the rules say the Go field is a pointer or has no omitempty;
 * <li>repeated fields are arrays and maps objects (keys sorted, as Go writes them), both left out when empty;
 * bytes are base64; a present message is written even when empty ({@code "status": {}}), as Go writes a struct;
 * <li>apimachinery's types with their own JSON: IntOrString → number or string, Quantity → string,
 * Time/MicroTime → RFC 3339 (a zero time is left out where Go writes null), Duration → Go duration string,
 * RawExtension/FieldsV1/Unknown → the embedded JSON (or an embedded {@code k8s\0} protobuf object, decoded),
 * ExtraValue/Verbs → arrays.
 * </ul>
 * Unknown fields (newer than the descriptors) are ignored, as Go's decoder ignores them.
 */
final class ProtoJsonWriter {
    private static final String RUNTIME = "k8s.io.apimachinery.pkg.runtime.";
    private static final String META = KubeProtoTypes.META_PACKAGE + ".";
    private static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
    private static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    private static final String QUANTITY_VALUE = "k8s.io.apimachinery.pkg.api.resource.QuantityValue";

    /** Embedded JSON (RawExtension, FieldsV1): bounded nesting, and nothing may follow the value. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /** A runtime.Unknown (without the magic) at data[offset, offset+length), as a JSON object. */
    ObjectNode decodeEnvelope(byte[] data, int offset, int length, int depth) {
        Runtime.Unknown unknown;
        try {
            unknown = Runtime.Unknown.parseFrom(input(data, offset, length, depth));
        } catch (IOException e) {
            throw invalid("runtime.Unknown", e);
        } catch (RuntimeException e) {
            throw invalid("runtime.Unknown", e);
        }
        return decodeObject(unknown, depth);
    }

    private ObjectNode decodeObject(Runtime.Unknown unknown, int depth) {
        String apiVersion = unknown.getTypeMeta().getApiVersion();
        String kind = unknown.getTypeMeta().getKind();
        if (kind.isEmpty()) {
            throw new ProtobufBodyException("Object 'Kind' is missing in the protobuf body's runtime.Unknown");
        }
        if (apiVersion.isEmpty()) {
            throw new ProtobufBodyException("Object 'apiVersion' is missing in the protobuf body's runtime.Unknown"
                    + " (kind \"" + kind + "\")");
        }
        if (!unknown.getContentEncoding().isEmpty()) {
            throw new ProtobufBodyException("the protobuf body of " + apiVersion + " " + kind
                    + " has content encoding \"" + unknown.getContentEncoding() + "\", which is not supported");
        }
        byte[] raw = unknown.getRaw().toByteArray();
        ObjectNode out = nodes.objectNode();
        out.put("apiVersion", apiVersion);
        out.put("kind", kind);
        String contentType = unknown.getContentType();
        if (contentType.isEmpty() || ProtobufBodies.isProtobuf(contentType)) {
            Descriptor type = KubeProtoTypes.find(apiVersion, kind);
            if (type == null) {
                throw new ProtobufBodyException("no kind \"" + kind + "\" is registered for version \"" + apiVersion
                        + "\" in the protobuf decoder");
            }
            Message message = parse(type, raw, depth, apiVersion + " " + kind);
            writeFields(message, out, depth + 1, kind);
            return out;
        }
        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            JsonNode json = parseJson(raw, kind + " (runtime.Unknown raw)");
            if (!json.isObject()) {
                throw new ProtobufBodyException("the JSON in the protobuf body of " + apiVersion + " " + kind
                        + " is not an object");
            }
            json.properties().forEach(field -> {
                if (!field.getKey().equals("apiVersion") && !field.getKey().equals("kind")) {
                    out.set(field.getKey(), field.getValue());
                }
            });
            return out;
        }
        throw new ProtobufBodyException("the protobuf body of " + apiVersion + " " + kind + " has content type \""
                + contentType + "\", which is not supported");
    }

    private Message parse(Descriptor type, byte[] raw, int depth, String what) {
        try {
            return DynamicMessage.parseFrom(type, input(raw, 0, raw.length, depth + 1));
        } catch (IOException e) {
            throw invalid(what, e);
        } catch (RuntimeException e) {
            throw invalid(what, e);
        }
    }

    private static CodedInputStream input(byte[] data, int offset, int length, int depth) {
        if (depth >= ProtobufBodies.MAX_DEPTH) {
            throw tooDeep("embedded object");
        }
        CodedInputStream input = CodedInputStream.newInstance(data, offset, length);
        input.setRecursionLimit(ProtobufBodies.MAX_DEPTH - depth);
        return input;
    }

    private static ProtobufBodyException invalid(String what, Exception cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ProtobufBodyException("the request body is not a valid protobuf encoding of " + what + ": "
                + detail, cause);
    }

    private static ProtobufBodyException tooDeep(String path) {
        return new ProtobufBodyException("the request body is not a valid protobuf object: nested deeper than "
                + ProtobufBodies.MAX_DEPTH + " levels at " + path);
    }

    /** The fields of a message, into an object (the message's own, or the enclosing one for an inline field). */
    void writeFields(Message message, ObjectNode out, int depth, String path) {
        if (depth > ProtobufBodies.MAX_DEPTH) {
            throw tooDeep(path);
        }
        for (FieldRules.Plan plan : FieldRules.plan(message.getDescriptorForType())) {
            FieldDescriptor field = plan.field();
            String name = plan.jsonName();
            if (field.isMapField()) {
                if (message.getRepeatedFieldCount(field) > 0) {
                    out.set(name, map(message, field, depth, path + "." + name));
                }
            } else if (field.isRepeated()) {
                int count = message.getRepeatedFieldCount(field);
                if (count > 0) {
                    ArrayNode array = out.putArray(name);
                    for (int i = 0; i < count; i++) {
                        array.add(value(field, message.getRepeatedField(field, i), depth, path + "." + name));
                    }
                }
            } else if (message.hasField(field)) {
                Object value = message.getField(field);
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    if (plan.inline()) {
                        writeFields((Message) value, out, depth + 1, path);
                    } else {
                        JsonNode json = message((Message) value, depth + 1, path + "." + name);
                        if (json != null) {
                            out.set(name, json);
                        }
                    }
                } else if (plan.keepZero() || !isZero(value)) {
                    out.set(name, scalar(field, value, path + "." + name));
                }
            }
        }
    }

    private ObjectNode map(Message message, FieldDescriptor field, int depth, String path) {
        Descriptor entry = field.getMessageType();
        FieldDescriptor keyField = entry.findFieldByNumber(1);
        FieldDescriptor valueField = entry.findFieldByNumber(2);
        Map<String, JsonNode> sorted = new TreeMap<>();
        int count = message.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
            Message pair = (Message) message.getRepeatedField(field, i);
            String key = String.valueOf(scalarText(pair.getField(keyField)));
            sorted.put(key, value(valueField, pair.getField(valueField), depth, path + "[" + key + "]"));
        }
        ObjectNode object = nodes.objectNode();
        sorted.forEach(object::set);
        return object;
    }

    /** An array element or map value: always written, a zero value included, and null where Go writes null. */
    private JsonNode value(FieldDescriptor field, Object value, int depth, String path) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            JsonNode json = message((Message) value, depth + 1, path);
            return json == null ? NullNode.instance : json;
        }
        return scalar(field, value, path);
    }

    /** A message's JSON value, or null where Go writes null (which is left out of objects). */
    private JsonNode message(Message message, int depth, String path) {
        if (depth > ProtobufBodies.MAX_DEPTH) {
            throw tooDeep(path);
        }
        Descriptor type = message.getDescriptorForType();
        String name = type.getFullName();
        switch (name) {
            case INT_OR_STRING -> {
                long kind = (Long) message.getField(type.findFieldByName("type"));
                if (kind == 0) {
                    return nodes.numberNode((Integer) message.getField(type.findFieldByName("intVal")));
                }
                if (kind == 1) {
                    return nodes.textNode((String) message.getField(type.findFieldByName("strVal")));
                }
                throw new ProtobufBodyException("the request body is not a valid protobuf object: IntOrString at "
                        + path + " has type " + kind + ", neither 0 (int) nor 1 (string)");
            }
            case QUANTITY, QUANTITY_VALUE -> {
                String text = (String) message.getField(type.findFieldByName("string"));
                return nodes.textNode(text.isEmpty() ? "0" : text);
            }
            case META + "Time", META + "MicroTime" -> {
                FieldDescriptor seconds = type.findFieldByName("seconds");
                FieldDescriptor nanos = type.findFieldByName("nanos");
                if (!message.hasField(seconds) && !message.hasField(nanos)) {
                    return null; // client-go writes a zero time as an empty message; Go's JSON is null
                }
                long s = (Long) message.getField(seconds);
                long n = (Integer) message.getField(nanos);
                return nodes.textNode(name.endsWith("MicroTime") ? GoFormats.rfc3339Micro(s, n) : GoFormats.rfc3339(s, n));
            }
            case META + "Duration" -> {
                return nodes.textNode(GoFormats.duration((Long) message.getField(type.findFieldByName("duration"))));
            }
            case META + "FieldsV1" -> {
                ByteString raw = (ByteString) message.getField(type.findFieldByName("Raw"));
                return raw.isEmpty() ? null : parseJson(raw.toByteArray(), path);
            }
            case RUNTIME + "RawExtension" -> {
                ByteString raw = (ByteString) message.getField(type.findFieldByName("raw"));
                return raw.isEmpty() ? null : embedded(raw.toByteArray(), depth, path);
            }
            case RUNTIME + "Unknown" -> {
                return nestedUnknown(message, depth, path);
            }
            default -> {
                if (isSliceType(type)) {
                    ArrayNode array = nodes.arrayNode();
                    FieldDescriptor items = type.getFields().get(0);
                    int count = message.getRepeatedFieldCount(items);
                    for (int i = 0; i < count; i++) {
                        array.add(scalar(items, message.getRepeatedField(items, i), path));
                    }
                    return array;
                }
                ObjectNode object = nodes.objectNode();
                writeFields(message, object, depth, path);
                return object;
            }
        }
    }

    /** Go slice types with a message of their own in the .proto (ExtraValue is []string, so is Verbs). */
    private static boolean isSliceType(Descriptor type) {
        return (type.getName().equals("ExtraValue") || type.getFullName().equals(META + "Verbs"))
                && type.getFields().size() == 1 && type.getFields().get(0).isRepeated()
                && type.getFields().get(0).getJavaType() != FieldDescriptor.JavaType.MESSAGE;
    }

    /** RawExtension bytes: an embedded protobuf object (with its magic) or JSON. */
    private JsonNode embedded(byte[] raw, int depth, String path) {
        if (ProtobufBodies.hasMagic(raw)) {
            return decodeEnvelope(raw, ProtobufBodies.MAGIC.length, raw.length - ProtobufBodies.MAGIC.length, depth);
        }
        return parseJson(raw, path);
    }

    /** A runtime.Unknown inside an object: JSON raw as is, else a protobuf object named by its typeMeta. */
    private JsonNode nestedUnknown(Message message, int depth, String path) {
        Runtime.Unknown unknown;
        try {
            unknown = Runtime.Unknown.parseFrom(message.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw invalid("runtime.Unknown at " + path, e);
        }
        byte[] raw = unknown.getRaw().toByteArray();
        if (unknown.getContentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return parseJson(raw, path);
        }
        if (!unknown.hasTypeMeta() && unknown.getContentType().isEmpty()) {
            return raw.length == 0 ? null : embedded(raw, depth, path);
        }
        if (depth >= ProtobufBodies.MAX_DEPTH) {
            throw tooDeep(path);
        }
        return decodeObject(unknown, depth);
    }

    private static JsonNode parseJson(byte[] raw, String path) {
        try {
            JsonNode json = JSON.readTree(raw);
            if (json == null || json.isMissingNode()) {
                throw new ProtobufBodyException("the request body is not a valid protobuf object: the embedded JSON at "
                        + path + " is empty");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new ProtobufBodyException("the request body is not a valid protobuf object: the embedded JSON at "
                    + path + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ProtobufBodyException("the request body is not a valid protobuf object: the embedded JSON at "
                    + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private JsonNode scalar(FieldDescriptor field, Object value, String path) {
        return switch (field.getType()) {
            case STRING -> nodes.textNode((String) value);
            case BYTES -> nodes.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case BOOL -> nodes.booleanNode((Boolean) value);
            case INT32, SINT32, SFIXED32 -> nodes.numberNode((Integer) value);
            case INT64, SINT64, SFIXED64 -> number((Long) value);
            case UINT32, FIXED32 -> number(Integer.toUnsignedLong((Integer) value));
            case UINT64, FIXED64 -> nodes.numberNode(new BigInteger(Long.toUnsignedString((Long) value)));
            case FLOAT -> {
                float f = (Float) value;
                if (Float.isNaN(f) || Float.isInfinite(f)) {
                    throw new ProtobufBodyException("the request body is not a valid protobuf object: " + path
                            + " is " + f + ", which JSON cannot hold");
                }
                yield nodes.numberNode(f);
            }
            case DOUBLE -> {
                double d = (Double) value;
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new ProtobufBodyException("the request body is not a valid protobuf object: " + path
                            + " is " + d + ", which JSON cannot hold");
                }
                yield nodes.numberNode(d);
            }
            case ENUM -> nodes.textNode(((EnumValueDescriptor) value).getName());
            case MESSAGE, GROUP -> throw new IllegalStateException("not a scalar: " + field.getFullName());
        };
    }

    /** An int node when the value fits, as Jackson reads the same JSON text, so equal JSON is equal nodes. */
    private JsonNode number(long value) {
        return value == (int) value ? nodes.numberNode((int) value) : nodes.numberNode(value);
    }

    private static Object scalarText(Object value) {
        if (value instanceof ByteString bytes) {
            return bytes.toStringUtf8();
        }
        if (value instanceof EnumValueDescriptor e) {
            return e.getName();
        }
        return value;
    }

    private static boolean isZero(Object value) {
        if (value instanceof String s) {
            return s.isEmpty();
        }
        if (value instanceof ByteString bytes) {
            return bytes.isEmpty();
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Integer i) {
            return i == 0;
        }
        if (value instanceof Long l) {
            return l == 0;
        }
        if (value instanceof Float f) {
            return f == 0;
        }
        if (value instanceof Double d) {
            return d == 0;
        }
        if (value instanceof EnumValueDescriptor e) {
            return e.getNumber() == 0;
        }
        return false;
    }
}
