package io.tinykube.server.table;

/**
 * What each Table row carries besides its cells: the {@code includeObject} query parameter of a Table request
 * ({@code metav1.IncludeObjectPolicy}).
 */
public enum IncludeObject {
    /** No object: the row's {@code object} is {@code null}. */
    None,
    /** The full object, as the API serves it. Sent by {@code kubectl get --sort-by}. */
    Object,
    /** A {@code meta.k8s.io/v1 PartialObjectMetadata} with the object's metadata. The default. */
    Metadata;

    /**
     * Parses the query parameter: {@code null} or empty means {@link #Metadata}.
     *
     * @throws IllegalArgumentException with upstream's message ({@code unrecognized includeObject value: "x"}),
     *                                  which the caller answers as 400 BadRequest
     */
    public static IncludeObject fromQuery(String value) {
        if (value == null || value.isEmpty()) {
            return Metadata;
        }
        for (IncludeObject policy : values()) {
            if (policy.name().equals(value)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unrecognized includeObject value: \"" + value + "\"");
    }
}
