package io.tinykube.runtime.network;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A set-up pod sandbox network.
 *
 * @param ip       the pod's address; empty for hostNetwork pods (they have the node's)
 * @param netns    the persistent network namespace file to join ({@code nsenter --net=FILE}); empty for
 *                 hostNetwork pods
 * @param hosts    the pod's /etc/hosts, to bind-mount into every container
 * @param resolvConf the pod's /etc/resolv.conf, to bind-mount
 * @param hostname the file holding the pod's hostname (containers set it as their UTS name; kubelet also
 *                 mounts it at /etc/hostname)
 */
public record PodNetworkStatus(
    String sandboxId, Optional<Inet4Address> ip, Optional<Path> netns, Path hosts, Path resolvConf, Path hostname) {
}
