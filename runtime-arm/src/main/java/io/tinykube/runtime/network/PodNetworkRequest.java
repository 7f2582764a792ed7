package io.tinykube.runtime.network;

import java.util.List;
import java.util.Optional;

/**
 * What {@link PodNetwork#setUp} needs to know about one pod sandbox.
 *
 * @param sandboxId    unique per sandbox; names its netns, veth, address file and files directory
 * @param namespace    the pod's namespace (first search domain)
 * @param hostname     the pod's hostname ({@code spec.hostname}, else its name; the node's for hostNetwork)
 * @param subdomain    {@code spec.subdomain}, giving the pod a fully qualified name in /etc/hosts
 * @param clusterDns   the cluster DNS service IP (10.43.0.10 by default); needed unless the policy ignores it
 */
public record PodNetworkRequest(
    String sandboxId,
    String namespace,
    String hostname,
    Optional<String> subdomain,
    boolean hostNetwork,
    DnsPolicy dnsPolicy,
    DnsConfig dnsConfig,
    Optional<String> clusterDns,
    String clusterDomain,
    List<HostAlias> hostAliases,
    List<HostPort> hostPorts) {

    public PodNetworkRequest {
        IpAllocator.requireValidSandboxId(sandboxId);
        hostAliases = List.copyOf(hostAliases);
        hostPorts = List.copyOf(hostPorts);
        if (hostNetwork && !hostPorts.isEmpty()) {
            throw new IllegalArgumentException("hostPorts of a hostNetwork pod are the node's own ports; nothing to map");
        }
    }

    /** A pod-network pod with ClusterFirst DNS in {@code cluster.local}, no aliases, no hostPorts. */
    public static PodNetworkRequest of(String sandboxId, String namespace, String hostname, String clusterDns) {
        return new PodNetworkRequest(sandboxId, namespace, hostname, Optional.empty(), false,
            DnsPolicy.CLUSTER_FIRST, DnsConfig.EMPTY, Optional.of(clusterDns), "cluster.local", List.of(), List.of());
    }

    public PodNetworkRequest withHostNetwork() {
        return new PodNetworkRequest(sandboxId, namespace, hostname, subdomain, true, dnsPolicy, dnsConfig,
            clusterDns, clusterDomain, hostAliases, List.of());
    }

    public PodNetworkRequest withDns(DnsPolicy policy, DnsConfig config) {
        return new PodNetworkRequest(sandboxId, namespace, hostname, subdomain, hostNetwork, policy, config,
            clusterDns, clusterDomain, hostAliases, hostPorts);
    }

    public PodNetworkRequest withHostAliases(List<HostAlias> aliases) {
        return new PodNetworkRequest(sandboxId, namespace, hostname, subdomain, hostNetwork, dnsPolicy, dnsConfig,
            clusterDns, clusterDomain, aliases, hostPorts);
    }

    public PodNetworkRequest withSubdomain(String value) {
        return new PodNetworkRequest(sandboxId, namespace, hostname, Optional.of(value), hostNetwork, dnsPolicy,
            dnsConfig, clusterDns, clusterDomain, hostAliases, hostPorts);
    }

    public PodNetworkRequest withHostPorts(List<HostPort> ports) {
        return new PodNetworkRequest(sandboxId, namespace, hostname, subdomain, hostNetwork, dnsPolicy, dnsConfig,
            clusterDns, clusterDomain, hostAliases, ports);
    }
}
