package io.tinykube.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a resource path names, parsed as upstream's RequestInfoFactory does:
 * {@code /api/v1[/watch]/namespaces/NS/RESOURCE[/NAME[/SUBRESOURCE]]} or the same under
 * {@code /apis/GROUP/VERSION}; {@code namespaces/NS/status|finalize} address the namespace itself.
 */
public record RequestInfo(String group, String version, String namespace, String resource, String name,
                          String subresource, boolean legacyWatch) {
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /** Parses the part after the group-version prefix; null when it is not a resource path. */
    public static RequestInfo parse(String group, String version, String rest) {
        List<String> parts = new ArrayList<>();
        for (String part : rest.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        boolean watch = false;
        if (!parts.isEmpty() && parts.get(0).equals("watch")) {
            watch = true;
            parts.remove(0);
        }
        String namespace = null;
        if (parts.size() > 1 && parts.get(0).equals("namespaces")) {
            namespace = parts.get(1);
            if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
                parts = parts.subList(2, parts.size());
            } else {
                namespace = null;
            }
        }
        if (parts.isEmpty() || parts.size() > 3) {
            return null;
        }
        return new RequestInfo(group, version, namespace, parts.get(0), parts.size() > 1 ? parts.get(1) : null,
                parts.size() > 2 ? parts.get(2) : null, watch);
    }
}
