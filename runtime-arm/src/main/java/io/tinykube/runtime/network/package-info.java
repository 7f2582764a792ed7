/**
 * Pod networking on one node, built from iproute2 ({@code ip}), util-linux ({@code unshare},
 * {@code nsenter}, {@code umount}) and nftables ({@code nft}) run as child processes: a persistent network
 * namespace per pod, a bridge carrying the node's pod CIDR, veth pairs, file-based IPAM, per-pod
 * {@code /etc/hosts}, {@code /etc/resolv.conf} and hostname, and hostPort DNAT. Entry point:
 * {@link io.tinykube.runtime.network.PodNetwork}.
 */
package io.tinykube.runtime.network;
