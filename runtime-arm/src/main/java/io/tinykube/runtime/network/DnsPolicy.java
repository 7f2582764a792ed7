package io.tinykube.runtime.network;

/** A pod's {@code spec.dnsPolicy}. */
public enum DnsPolicy {
    /** The cluster DNS; for hostNetwork pods the same as {@link #DEFAULT}, as kubelet does. */
    CLUSTER_FIRST,
    /** The cluster DNS, also for hostNetwork pods. */
    CLUSTER_FIRST_WITH_HOST_NET,
    /** The node's resolv.conf. */
    DEFAULT,
    /** Only what the pod's dnsConfig says. */
    NONE;

    /** Parses the API's spelling ({@code ClusterFirst}, ...); {@code null} means the API default. */
    public static DnsPolicy fromApi(String value) {
        if (value == null || value.isEmpty()) {
            return CLUSTER_FIRST;
        }
        return switch (value) {
            case "ClusterFirst" -> CLUSTER_FIRST;
            case "ClusterFirstWithHostNet" -> CLUSTER_FIRST_WITH_HOST_NET;
            case "Default" -> DEFAULT;
            case "None" -> NONE;
            default -> throw new IllegalArgumentException("unknown dnsPolicy: " + value);
        };
    }
}
