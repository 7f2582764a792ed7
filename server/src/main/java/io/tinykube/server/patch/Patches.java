package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.schema.FieldSchema;

import java.util.List;
import java.util.Map;

/**
 * The entry point of PATCH for the REST layer: decodes the body the way upstream's apiserver does
 * ({@code staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go}, with the default
 * {@code fieldValidation=Warn}, which decodes patch bodies strictly) and applies it with the engine for its
 * content type.
 *
 * <table>
 *   <caption>Bodies that do not decode</caption>
 *   <tr><th>type</th><th>answer</th></tr>
 *   <tr><td>json-patch</td><td>400 {@code error decoding patch: <Go error>}; 413 beyond 10000 operations</td></tr>
 *   <tr><td>merge-patch</td><td>400 {@code error decoding patch: <Go error>}; 400 {@code Invalid JSON Patch}
 *       for a {@code null} body</td></tr>
 *   <tr><td>strategic-merge-patch</td><td>400 {@code <Go error>}; a {@code null} body changes nothing</td></tr>
 * </table>
 */
public final class Patches {
    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    public static final String APPLY_PATCH_YAML = "application/apply-patch+yaml";
    public static final String APPLY_PATCH_CBOR = "application/apply-patch+cbor";

    /** The patch types upstream accepts for built-in resources, in the order its 415 message lists them. */
    public static final List<String> BUILT_IN_PATCH_TYPES =
            List.of(JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH_YAML);

    /** The apiserver's {@code maxJSONPatchOperations}. */
    static final int MAX_JSON_PATCH_OPERATIONS = 10000;

    private static final String JSON_PATCH_OPS_TYPE = "[]handlers.jsonPatchOp";
    private static final String JSON_PATCH_OP_TYPE = "handlers.jsonPatchOp";
    private static final String MAP_TYPE = "map[string]interface {}";

    private Patches() {
    }

    /**
     * Applies a PATCH body to a copy of {@code current} and returns the patched object; {@code current} is
     * never modified.
     *
     * @param contentType the request's Content-Type; parameters after {@code ;} are ignored, the type itself is
     *                    matched exactly, as upstream does
     * @param current     the stored object, as served
     * @param patchBody   the raw request body
     * @param schema      the kind's schema ({@link FieldSchema#UNKNOWN} or null when there is none); only
     *                    strategic merge patch reads it
     * @throws PatchException                 when the body does not decode or the patch does not apply, with
     *                                        upstream's code, reason and message
     * @throws UnsupportedOperationException for {@code application/apply-patch+yaml} (and +cbor): server-side
     *                                        apply is handled elsewhere
     */
    public static ObjectNode apply(String contentType, ObjectNode current, byte[] patchBody, FieldSchema schema) {
        String type = mediaType(contentType);
        ObjectNode result;
        switch (type) {
            case JSON_PATCH:
                result = JsonPatch.apply(current, decodeJsonPatch(patchBody));
                break;
            case MERGE_PATCH:
                result = mergePatch(current, patchBody);
                break;
            case STRATEGIC_MERGE_PATCH:
                result = strategicMergePatch(current, patchBody, schema);
                break;
            case APPLY_PATCH_YAML:
            case APPLY_PATCH_CBOR:
                throw new UnsupportedOperationException(type + " is server-side apply, which Patches does not handle");
            default:
                throw PatchException.unsupportedMediaType(
                        "the body of the request was in an unknown format - accepted media types include: "
                                + String.join(", ", BUILT_IN_PATCH_TYPES));
        }
        if (GoValues.depth(result) > GoJson.MAX_DEPTH) {
            throw PatchException.invalid("the patched object would be nested deeper than " + GoJson.MAX_DEPTH
                    + " levels");
        }
        return result;
    }

    /** The media type without parameters, as upstream cuts it: at the first {@code ;} when it is not first. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return semicolon > 0 ? contentType.substring(0, semicolon) : contentType;
    }

    /**
     * The operations of a JSON patch body, checked as upstream's strict decode into
     * {@code []handlers.jsonPatchOp} checks them: an array (or null) of objects (or nulls) whose {@code op},
     * {@code path} and {@code from} are strings.
     */
    static JsonNode decodeJsonPatch(byte[] body) {
        JsonNode ops = parse(body, "error decoding patch: ");
        if (ops.isNull()) {
            return ops;
        }
        if (!ops.isArray()) {
            throw typeError("error decoding patch: ", ops, JSON_PATCH_OPS_TYPE);
        }
        for (JsonNode op : ops) {
            if (op.isNull()) {
                continue;
            }
            if (!op.isObject()) {
                throw typeError("error decoding patch: ", op, JSON_PATCH_OP_TYPE);
            }
            for (Map.Entry<String, JsonNode> field : op.properties()) {
                String name = field.getKey();
                JsonNode v = field.getValue();
                if ((name.equals("op") || name.equals("path") || name.equals("from")) && !v.isNull() && !v.isTextual()) {
                    throw PatchException.badRequest("error decoding patch: json: cannot unmarshal "
                            + GoValues.jsonKind(v) + " into Go struct field jsonPatchOp." + name + " of type string");
                }
                if (name.equals("value")) {
                    overflow("error decoding patch: ", v);
                }
            }
        }
        if (ops.size() > MAX_JSON_PATCH_OPERATIONS) {
            throw PatchException.tooLarge("The allowed maximum operations in a JSON patch is "
                    + MAX_JSON_PATCH_OPERATIONS + ", got " + ops.size());
        }
        return ops;
    }

    private static ObjectNode mergePatch(ObjectNode current, byte[] body) {
        JsonNode patch = parse(body, "error decoding patch: ");
        if (patch.isNull()) {
            throw PatchException.badRequest("Invalid JSON Patch");
        }
        if (!patch.isObject()) {
            throw typeError("error decoding patch: ", patch, MAP_TYPE);
        }
        overflow("error decoding patch: ", patch);
        ObjectNode result = current.deepCopy();
        JsonMergePatch.mergeDocs(result, (ObjectNode) patch);
        return result;
    }

    private static ObjectNode strategicMergePatch(ObjectNode current, byte[] body, FieldSchema schema) {
        JsonNode patch = parse(body, "");
        if (patch.isNull()) {
            return current.deepCopy();
        }
        if (!patch.isObject()) {
            throw typeError("", patch, MAP_TYPE);
        }
        overflow("", patch);
        return StrategicMergePatch.applyInPlace(current.deepCopy(), (ObjectNode) patch, schema);
    }

    private static JsonNode parse(byte[] body, String prefix) {
        try {
            return GoJson.parse(body);
        } catch (GoJson.SyntaxError e) {
            throw PatchException.badRequest(prefix + e.getMessage());
        }
    }

    private static void overflow(String prefix, JsonNode value) {
        String error = GoJson.overflowError(value);
        if (error != null) {
            throw PatchException.badRequest(prefix + error);
        }
    }

    private static PatchException typeError(String prefix, JsonNode value, String goType) {
        return PatchException.badRequest(prefix + "json: cannot unmarshal " + GoValues.jsonKind(value)
                + " into Go value of type " + goType);
    }
}
