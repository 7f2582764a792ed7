package io.tinykube.runtime.network;

import java.util.List;

/** A pod's {@code spec.hostAliases[]} entry: extra lines for its {@code /etc/hosts}. */
public record HostAlias(String ip, List<String> hostnames) {
    public HostAlias {
        hostnames = List.copyOf(hostnames);
    }
}
