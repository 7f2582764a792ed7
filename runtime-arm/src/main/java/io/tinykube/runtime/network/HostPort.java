package io.tinykube.runtime.network;

import java.util.Locale;
import java.util.Optional;

/**
 * A container port published on the node ({@code ports[].hostPort}): traffic to the node's {@code hostPort}
 * (on {@code hostIp} only, when given) is DNATed to the pod's {@code containerPort}.
 */
public record HostPort(int hostPort, int containerPort, Protocol protocol, Optional<String> hostIp) {
    public enum Protocol {
        TCP, UDP, SCTP;

        /** The name nftables knows the protocol by. */
        String nftName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public HostPort {
        requirePort("hostPort", hostPort);
        requirePort("containerPort", containerPort);
        if (protocol == null) {
            throw new IllegalArgumentException("protocol is required");
        }
        // Validated here because it is written into an nft script; 0.0.0.0 means every node address, as unset.
        hostIp.ifPresent(Ipv4Cidr::parseAddress);
        hostIp = hostIp.filter(ip -> !ip.isEmpty() && Ipv4Cidr.parseAddress(ip) != 0);
    }

    public static HostPort tcp(int hostPort, int containerPort) {
        return new HostPort(hostPort, containerPort, Protocol.TCP, Optional.empty());
    }

    private static void requirePort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 1-65535, got " + port);
        }
    }
}
