package io.tinykube.server.controller.workload;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code pod-template-hash} of a Deployment's ReplicaSets, as upstream's controller.ComputeHash:
 * FNV-32a over a deterministic printing of the template (here: JSON with sorted keys, without empty
 * values, which typed Go objects cannot tell from absent ones), then the
 * collisionCount as four little-endian bytes when set, encoded with rand.SafeEncodeString.
 */
final class PodTemplateHash {
    static final String LABEL = "pod-template-hash";
    private static final String SAFE_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private PodTemplateHash() {
    }

    static String compute(JsonNode template, Integer collisionCount) {
        StringBuilder printed = new StringBuilder();
        print(ReplicaSets.normalized(template), printed);
        int hash = FNV_OFFSET;
        for (byte b : printed.toString().getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        if (collisionCount != null) {
            for (int i = 0; i < 4; i++) {
                hash = (hash ^ ((collisionCount >>> (8 * i)) & 0xff)) * FNV_PRIME;
            }
        }
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder safe = new StringBuilder(decimal.length());
        for (int i = 0; i < decimal.length(); i++) {
            safe.append(SAFE_ALPHANUMS.charAt(decimal.charAt(i) % SAFE_ALPHANUMS.length()));
        }
        return safe.toString();
    }

    private static void print(JsonNode node, StringBuilder out) {
        if (node == null) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            keys.sort(null);
            out.append('{');
            for (String key : keys) {
                out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(key).toString()).append(':');
                print(node.get(key), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (JsonNode item : node) {
                print(item, out);
                out.append(',');
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }
}
