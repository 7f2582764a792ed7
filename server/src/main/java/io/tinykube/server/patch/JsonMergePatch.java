package io.tinykube.server.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 7386 JSON Merge Patch as {@code gopkg.in/evanphx/json-patch.v4}'s {@code MergePatch} applies it for
 * upstream's apiserver: a null member deletes, objects merge recursively, anything else (arrays included)
 * replaces. One detail differs from the RFC text and is kept because Kubernetes has it: a value that lands where
 * there was no object (absent, null, or a non-object) has its nulls pruned everywhere inside it, including
 * null elements of arrays.
 */
public final class JsonMergePatch {
    private JsonMergePatch() {
    }

    /**
     * Merges {@code patch} into a copy of {@code target} and returns the result; neither argument is modified.
     * A non-object patch is the result (RFC 7386 section 2), though {@link Patches#apply} rejects such bodies
     * with upstream's errors before they get here.
     */
    public static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode p = (ObjectNode) patch.deepCopy();
        if (target == null || !target.isObject()) {
            pruneNulls(p);
            return p;
        }
        ObjectNode t = (ObjectNode) target.deepCopy();
        mergeDocs(t, p);
        return t;
    }

    /** Merges an object patch into an object document in place. */
    static void mergeDocs(ObjectNode doc, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                doc.remove(k);
                continue;
            }
            JsonNode cur = doc.get(k);
            if (cur == null || cur.isNull()) {
                pruneNulls(v);
                doc.set(k, v);
            } else {
                doc.set(k, mergeValue(cur, v));
            }
        }
    }

    private static JsonNode mergeValue(JsonNode cur, JsonNode patch) {
        if (!cur.isObject()) {
            pruneNulls(patch);
            return patch;
        }
        if (!patch.isObject()) {
            return patch;
        }
        mergeDocs((ObjectNode) cur, (ObjectNode) patch);
        return cur;
    }

    /** Removes null members of objects and null elements of arrays, recursively. */
    static void pruneNulls(JsonNode n) {
        if (n.isObject()) {
            List<String> nulls = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    pruneNulls(e.getValue());
                }
            }
            ((ObjectNode) n).remove(nulls);
        } else if (n.isArray()) {
            ArrayNode array = (ArrayNode) n;
            for (int i = array.size() - 1; i >= 0; i--) {
                if (array.get(i).isNull()) {
                    array.remove(i);
                } else {
                    pruneNulls(array.get(i));
                }
            }
        }
    }
}
