package io.tinykube.runtime.network;

import java.util.List;

/**
 * A pod's {@code spec.dnsConfig}: nameservers and search domains appended to what the policy gives,
 * options ({@code name} or {@code name:value}) replacing same-named ones.
 */
public record DnsConfig(List<String> nameservers, List<String> searches, List<String> options) {
    public static final DnsConfig EMPTY = new DnsConfig(List.of(), List.of(), List.of());

    public DnsConfig {
        nameservers = List.copyOf(nameservers);
        searches = List.copyOf(searches);
        options = List.copyOf(options);
    }
}
