package io.tinykube.runtime.network;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one node's pod network is laid out.
 *
 * @param podCidr        the node's pod CIDR (10.42.N.0/24); the gateway, its first address, sits on the bridge
 * @param stateDir       where IPAM files, hostPort records and per-pod files live (under the data dir)
 * @param netnsDir       where pod network namespaces are bind-mounted; /var/run/netns makes them visible to
 *                       {@code ip netns}
 * @param bridge         the node's bridge (tk0)
 * @param mtu            MTU of the bridge and of both ends of every veth pair
 * @param nftTable       the {@code ip} family nftables table holding hostPort DNAT and masquerade
 * @param ipForward      set net.ipv4.ip_forward=1 in {@link PodNetwork#initNode()}: pods reach beyond the node
 *                       and hostPorts are reachable from other machines only with it
 * @param masquerade     SNAT pod traffic leaving the pod CIDR to the node's address
 * @param nodeNetns      the network namespace playing the node, when not the agent's own (tests)
 * @param hostResolvConf the node's resolv.conf, for dnsPolicy Default and hostNetwork pods
 * @param hostHosts      the node's hosts file, for hostNetwork pods
 */
public record PodNetworkConfig(
    Ipv4Cidr podCidr,
    Path stateDir,
    Path netnsDir,
    String bridge,
    int mtu,
    String nftTable,
    boolean ipForward,
    boolean masquerade,
    Optional<Path> nodeNetns,
    Path hostResolvConf,
    Path hostHosts) {

    /** Interface names: at most 15 bytes (IFNAMSIZ - 1), nothing ip(8) would read as a keyword separator. */
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,14}");
    private static final Pattern NFT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    public PodNetworkConfig {
        if (!INTERFACE_NAME.matcher(bridge).matches()) {
            throw new IllegalArgumentException("bridge name must match " + INTERFACE_NAME + ", got: " + bridge);
        }
        if (!NFT_NAME.matcher(nftTable).matches()) {
            throw new IllegalArgumentException("nftables table name must match " + NFT_NAME + ", got: " + nftTable);
        }
        if (mtu < 576 || mtu > 65535) {
            throw new IllegalArgumentException("MTU must be 576-65535, got " + mtu);
        }
        stateDir = stateDir.toAbsolutePath().normalize();
        netnsDir = netnsDir.toAbsolutePath().normalize();
    }

    /** Bridge tk0, MTU 1500, namespaces in /var/run/netns, table {@code ip tinykube}, forwarding and masquerade on. */
    public static PodNetworkConfig defaults(Ipv4Cidr podCidr, Path stateDir) {
        return new PodNetworkConfig(podCidr, stateDir, Path.of("/var/run/netns"), "tk0", 1500, "tinykube", true, true,
            Optional.empty(), Path.of("/etc/resolv.conf"), Path.of("/etc/hosts"));
    }

    public PodNetworkConfig withBridge(String name) {
        return new PodNetworkConfig(podCidr, stateDir, netnsDir, name, mtu, nftTable, ipForward, masquerade, nodeNetns,
            hostResolvConf, hostHosts);
    }

    public PodNetworkConfig withNetnsDir(Path dir) {
        return new PodNetworkConfig(podCidr, stateDir, dir, bridge, mtu, nftTable, ipForward, masquerade, nodeNetns,
            hostResolvConf, hostHosts);
    }

    public PodNetworkConfig withMtu(int value) {
        return new PodNetworkConfig(podCidr, stateDir, netnsDir, bridge, value, nftTable, ipForward, masquerade,
            nodeNetns, hostResolvConf, hostHosts);
    }

    public PodNetworkConfig withNftTable(String name) {
        return new PodNetworkConfig(podCidr, stateDir, netnsDir, bridge, mtu, name, ipForward, masquerade, nodeNetns,
            hostResolvConf, hostHosts);
    }

    public PodNetworkConfig withForwarding(boolean ipForwardOn, boolean masqueradeOn) {
        return new PodNetworkConfig(podCidr, stateDir, netnsDir, bridge, mtu, nftTable, ipForwardOn, masqueradeOn,
            nodeNetns, hostResolvConf, hostHosts);
    }

    public PodNetworkConfig withNodeNetns(Path netnsFile) {
        return new PodNetworkConfig(podCidr, stateDir, netnsDir, bridge, mtu, nftTable, ipForward, masquerade,
            Optional.of(netnsFile), hostResolvConf, hostHosts);
    }

    public PodNetworkConfig withHostFiles(Path resolvConf, Path hosts) {
        return new PodNetworkConfig(podCidr, stateDir, netnsDir, bridge, mtu, nftTable, ipForward, masquerade,
            nodeNetns, resolvConf, hosts);
    }
}
