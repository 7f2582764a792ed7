package io.tinykube.server.registry;

import java.util.List;

/**
 * One resource the API serves, as discovery describes it: where it lives (group, version, plural),
 * what it is (kind), how kubectl may call it (short names, categories, verbs) and its subresources.
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced,
                           List<String> shortNames, List<String> categories, List<String> verbs,
                           List<Subresource> subresources) {

    public static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    public static final List<String> CREATE_ONLY = List.of("create");

    /** A subresource such as {@code status} or {@code scale}; {@code kind} in {@code group/version}. */
    public record Subresource(String name, String group, String version, String kind, List<String> verbs) {
    }

    /** {@code v1} for the core group, else {@code group/version}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** How messages name this resource: {@code pods}, {@code deployments.apps}. */
    public String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public String singular() {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }

    public String listKind() {
        return kind + "List";
    }

    /** The URL prefix of this group-version: {@code /api/v1} or {@code /apis/G/V}. */
    public String pathPrefix() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    public boolean hasVerb(String verb) {
        return verbs.contains(verb);
    }

    public Subresource subresource(String name) {
        return subresources.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** Whether objects are only created and answered, never stored (reviews, bindings). */
    public boolean virtual() {
        return verbs.equals(CREATE_ONLY);
    }
}
