package io.tinykube.server.api.protobuf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The reverse of {@link ProtoJsonWriter}: a Kubernetes JSON object as its protobuf message, by the same descriptors
 * and rules. JSON fields the descriptors do not know (newer than the 1.30 protos) are left out, as Go's protobuf
 * encoding of a decoded object would not have them either; null is the same as absent.
 */
final class ProtoJsonReader {
    private static final String RUNTIME = "k8s.io.apimachinery.pkg.runtime.";
    private static final String META = KubeProtoTypes.META_PACKAGE + ".";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<Descriptor, Map<String, FieldRules.Plan>> BY_JSON_NAME =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code k8s\0} + runtime.Unknown of a JSON object with apiVersion and kind. */
    byte[] encode(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw new ProtobufBodyException("cannot encode an object without apiVersion and kind as protobuf");
        }
        Descriptor type = KubeProtoTypes.find(apiVersion, kind);
        if (type == null) {
            throw new ProtobufBodyException("no kind \"" + kind + "\" is registered for version \"" + apiVersion
                    + "\" in the protobuf encoder");
        }
        Message message = message(type, object, 0, kind);
        byte[] unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(message.toByteString())
                .setContentEncoding("")
                .setContentType("")
                .build()
                .toByteArray();
        byte[] out = new byte[ProtobufBodies.MAGIC.length + unknown.length];
        System.arraycopy(ProtobufBodies.MAGIC, 0, out, 0, ProtobufBodies.MAGIC.length);
        System.arraycopy(unknown, 0, out, ProtobufBodies.MAGIC.length, unknown.length);
        return out;
    }

    private static Map<String, FieldRules.Plan> byJsonName(Descriptor type) {
        return BY_JSON_NAME.computeIfAbsent(type, t -> {
            Map<String, FieldRules.Plan> names = new HashMap<>();
            for (FieldRules.Plan plan : FieldRules.plan(t)) {
                names.put(plan.jsonName(), plan);
            }
            return Map.copyOf(names);
        });
    }

    private Message message(Descriptor type, JsonNode json, int depth, String path) {
        if (depth > ProtobufBodies.MAX_DEPTH) {
            throw new ProtobufBodyException("cannot encode " + path + " as protobuf: nested deeper than "
                    + ProtobufBodies.MAX_DEPTH + " levels");
        }
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        String name = type.getFullName();
        switch (name) {
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
                if (json.isIntegralNumber()) {
                    builder.setField(type.findFieldByName("type"), 0L);
                    builder.setField(type.findFieldByName("intVal"), intValue(json, path));
                } else if (json.isTextual()) {
                    builder.setField(type.findFieldByName("type"), 1L);
                    builder.setField(type.findFieldByName("strVal"), json.asText());
                } else {
                    throw wrongType(path, "a number or a string", json);
                }
            }
            case "k8s.io.apimachinery.pkg.api.resource.Quantity", "k8s.io.apimachinery.pkg.api.resource.QuantityValue" -> {
                if (!json.isTextual() && !json.isNumber()) {
                    throw wrongType(path, "a quantity", json);
                }
                builder.setField(type.findFieldByName("string"), json.asText());
            }
            case META + "Time", META + "MicroTime" -> {
                if (!json.isTextual()) {
                    throw wrongType(path, "an RFC 3339 time", json);
                }
                try {
                    OffsetDateTime time = OffsetDateTime.parse(json.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    builder.setField(type.findFieldByName("seconds"), time.toEpochSecond());
                    builder.setField(type.findFieldByName("nanos"), time.getNano());
                } catch (DateTimeException e) {
                    throw wrongType(path, "an RFC 3339 time", json);
                }
            }
            case META + "Duration" -> {
                if (!json.isTextual()) {
                    throw wrongType(path, "a duration", json);
                }
                builder.setField(type.findFieldByName("duration"), parseDuration(json.asText(), path));
            }
            case META + "FieldsV1" -> builder.setField(type.findFieldByName("Raw"), jsonBytes(json, path));
            case RUNTIME + "RawExtension" -> builder.setField(type.findFieldByName("raw"), jsonBytes(json, path));
            default -> {
                if (type.getName().equals("ExtraValue") || name.equals(META + "Verbs")) {
                    FieldDescriptor items = type.getFields().get(0);
                    if (!json.isArray()) {
                        throw wrongType(path, "an array", json);
                    }
                    for (JsonNode item : json) {
                        builder.addRepeatedField(items, scalar(items, item, path));
                    }
                } else {
                    if (!json.isObject()) {
                        throw wrongType(path, "an object", json);
                    }
                    fields(builder, json, depth, path);
                }
            }
        }
        return builder.build();
    }

    private void fields(DynamicMessage.Builder builder, JsonNode json, int depth, String path) {
        Descriptor type = builder.getDescriptorForType();
        Map<String, FieldRules.Plan> names = byJsonName(type);
        Map<FieldDescriptor, ObjectNode> inline = new HashMap<>();
        for (Map.Entry<String, JsonNode> property : json.properties()) {
            String key = property.getKey();
            JsonNode value = property.getValue();
            if (value.isNull() || (depth == 0 && (key.equals("apiVersion") || key.equals("kind")))) {
                continue;
            }
            FieldRules.Plan plan = names.get(key);
            if (plan != null && !plan.inline()) {
                set(builder, plan.field(), value, depth, path + "." + key);
                continue;
            }
            // Go's inline embedding: the field belongs to the embedded message.
            for (FieldRules.Plan candidate : FieldRules.plan(type)) {
                if (candidate.inline() && byJsonName(candidate.field().getMessageType()).containsKey(key)) {
                    inline.computeIfAbsent(candidate.field(), f -> JSON.createObjectNode()).set(key, value);
                    break;
                }
            }
        }
        inline.forEach((field, object) ->
                builder.setField(field, message(field.getMessageType(), object, depth + 1, path)));
    }

    private void set(DynamicMessage.Builder builder, FieldDescriptor field, JsonNode value, int depth, String path) {
        if (field.isMapField()) {
            if (!value.isObject()) {
                throw wrongType(path, "an object", value);
            }
            Descriptor entry = field.getMessageType();
            FieldDescriptor keyField = entry.findFieldByNumber(1);
            FieldDescriptor valueField = entry.findFieldByNumber(2);
            for (Map.Entry<String, JsonNode> pair : value.properties()) {
                DynamicMessage.Builder item = DynamicMessage.newBuilder(entry);
                item.setField(keyField, pair.getKey());
                if (!pair.getValue().isNull()) {
                    item.setField(valueField, single(valueField, pair.getValue(), depth, path + "[" + pair.getKey() + "]"));
                }
                builder.addRepeatedField(field, item.build());
            }
        } else if (field.isRepeated()) {
            if (!value.isArray()) {
                throw wrongType(path, "an array", value);
            }
            for (JsonNode element : value) {
                builder.addRepeatedField(field, single(field, element, depth, path));
            }
        } else {
            builder.setField(field, single(field, value, depth, path));
        }
    }

    private Object single(FieldDescriptor field, JsonNode value, int depth, String path) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return message(field.getMessageType(), value, depth + 1, path);
        }
        return scalar(field, value, path);
    }

    private static Object scalar(FieldDescriptor field, JsonNode value, String path) {
        switch (field.getType()) {
            case STRING -> {
                if (!value.isTextual()) {
                    throw wrongType(path, "a string", value);
                }
                return value.asText();
            }
            case BYTES -> {
                if (!value.isTextual()) {
                    throw wrongType(path, "a base64 string", value);
                }
                try {
                    return ByteString.copyFrom(Base64.getDecoder().decode(value.asText()));
                } catch (IllegalArgumentException e) {
                    throw wrongType(path, "a base64 string", value);
                }
            }
            case BOOL -> {
                if (!value.isBoolean()) {
                    throw wrongType(path, "a boolean", value);
                }
                return value.asBoolean();
            }
            case INT32, SINT32, SFIXED32 -> {
                return intValue(value, path);
            }
            case INT64, SINT64, SFIXED64 -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw wrongType(path, "a 64-bit integer", value);
                }
                return value.asLong();
            }
            case DOUBLE -> {
                if (!value.isNumber()) {
                    throw wrongType(path, "a number", value);
                }
                return value.asDouble();
            }
            case FLOAT -> {
                if (!value.isNumber()) {
                    throw wrongType(path, "a number", value);
                }
                return (float) value.asDouble();
            }
            default -> throw new ProtobufBodyException("cannot encode " + path + " as protobuf: field type "
                    + field.getType() + " is not supported");
        }
    }

    private static int intValue(JsonNode value, String path) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(path, "a 32-bit integer", value);
        }
        return value.asInt();
    }

    private static ByteString jsonBytes(JsonNode json, String path) {
        try {
            return ByteString.copyFrom(JSON.writeValueAsString(json), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new ProtobufBodyException("cannot encode " + path + " as protobuf: " + e.getOriginalMessage(), e);
        }
    }

    private static ProtobufBodyException wrongType(String path, String expected, JsonNode value) {
        return new ProtobufBodyException("cannot encode " + path + " as protobuf: expected " + expected + ", got "
                + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }

    /** Go's time.ParseDuration: a sign, then numbers with units (ns, us, µs, ms, s, m, h), e.g. "1h2m3.5s". */
    static long parseDuration(String text, String path) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new ProtobufBodyException("cannot encode " + path + " as protobuf: invalid duration \"" + text + "\"");
        }
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String number = s.substring(start, unitStart);
            long unit = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> -1L;
            };
            if (unit < 0 || number.isEmpty() || number.equals(".")) {
                throw new ProtobufBodyException("cannot encode " + path + " as protobuf: invalid duration \""
                        + text + "\"");
            }
            try {
                total = total.add(new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(unit)));
            } catch (NumberFormatException e) {
                throw new ProtobufBodyException("cannot encode " + path + " as protobuf: invalid duration \""
                        + text + "\"");
            }
        }
        java.math.BigInteger nanos = total.toBigInteger();
        if (negative) {
            nanos = nanos.negate();
        }
        if (nanos.bitLength() > 63) {
            throw new ProtobufBodyException("cannot encode " + path + " as protobuf: duration \"" + text
                    + "\" out of range");
        }
        return nanos.longValue();
    }
}
