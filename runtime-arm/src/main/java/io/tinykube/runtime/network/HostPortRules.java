package io.tinykube.runtime.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tinykube.runtime.process.CommandFailedException;
import io.tinykube.runtime.process.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The node's nftables table: hostPort DNAT through two maps (one keyed by protocol and port, one also by
 * the node address for hostIP mappings) and masquerade for pod traffic leaving the pod CIDR. A pod adds
 * and removes map elements, never rules, so set-up and teardown are one {@code nft -f} transaction each
 * and a port already published by another pod is refused by the kernel ("File exists").
 */
final class HostPortRules {
    private static final String PORTS_MAP = "hostports";
    private static final String HOST_IP_PORTS_MAP = "hostip-ports";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PodNetworkConfig config;
    private final CommandRunner runner;
    private final UnaryOperator<List<String>> inNode;

    HostPortRules(PodNetworkConfig config, CommandRunner runner, UnaryOperator<List<String>> inNode) {
        this.config = config;
        this.runner = runner;
        this.inNode = inNode;
    }

    /** Creates the table or brings its chains back to what this config says; maps and their elements stay. */
    void ensureTable() {
        runner.run(inNode.apply(List.of("nft", "-f", "-")), tableScript());
    }

    /** Publishes the pod's hostPorts (the table is repaired in the same transaction). */
    void add(String podIp, List<HostPort> ports) {
        StringBuilder script = new StringBuilder(tableScript());
        for (HostPort port : ports) {
            script.append("add element ").append(mapOf(port)).append(" { ").append(key(port))
                .append(" : ").append(podIp).append(" . ").append(port.containerPort()).append(" }\n");
        }
        runner.run(inNode.apply(List.of("nft", "-f", "-")), script.toString());
    }

    /** Removes every mapping that points at {@code podIp}, whatever was recorded: robust after a crash. */
    void removeAllTo(String podIp) {
        String listing;
        try {
            listing = runner.run(inNode.apply(List.of("nft", "-j", "list", "table", "ip", config.nftTable())), "");
        } catch (CommandFailedException e) {
            if (e.stderr().contains("No such file or directory")) {
                return;
            }
            throw e;
        }
        List<String> deletions = new ArrayList<>();
        try {
            for (JsonNode entry : JSON.readTree(listing).path("nftables")) {
                JsonNode map = entry.path("map");
                String name = map.path("name").asText();
                if (!name.equals(PORTS_MAP) && !name.equals(HOST_IP_PORTS_MAP)) {
                    continue;
                }
                for (JsonNode element : map.path("elem")) {
                    JsonNode target = element.get(1).path("concat");
                    if (target.get(0).asText().equals(podIp)) {
                        deletions.add("delete element ip " + config.nftTable() + " " + name
                            + " { " + concat(element.get(0).path("concat")) + " }\n");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new NetworkException("cannot read nft's listing of table ip " + config.nftTable() + ": " + listing, e);
        }
        if (!deletions.isEmpty()) {
            runner.run(inNode.apply(List.of("nft", "-f", "-")), String.join("", deletions));
        }
    }

    String tableScript() {
        String table = "ip " + config.nftTable();
        String cidr = config.podCidr().toString();
        String dnat = " fib daddr type local dnat to ";
        StringBuilder script = new StringBuilder()
            .append("add table ").append(table).append('\n')
            .append("add map ").append(table).append(' ').append(PORTS_MAP)
            .append(" { type inet_proto . inet_service : ipv4_addr . inet_service; }\n")
            .append("add map ").append(table).append(' ').append(HOST_IP_PORTS_MAP)
            .append(" { type ipv4_addr . inet_proto . inet_service : ipv4_addr . inet_service; }\n")
            .append("add chain ").append(table).append(" prerouting { type nat hook prerouting priority dstnat; }\n")
            .append("add chain ").append(table).append(" output { type nat hook output priority -100; }\n")
            .append("add chain ").append(table).append(" postrouting { type nat hook postrouting priority srcnat; }\n")
            .append("flush chain ").append(table).append(" prerouting\n")
            .append("flush chain ").append(table).append(" output\n")
            .append("flush chain ").append(table).append(" postrouting\n");
        // prerouting: from other machines and from pods; output: from the node itself.
        for (String chain : List.of("prerouting", "output")) {
            script.append("add rule ").append(table).append(' ').append(chain).append(dnat)
                .append("ip daddr . meta l4proto . th dport map @").append(HOST_IP_PORTS_MAP).append('\n')
                .append("add rule ").append(table).append(' ').append(chain).append(dnat)
                .append("meta l4proto . th dport map @").append(PORTS_MAP).append('\n');
        }
        // A pod reaching a hostPort that leads back into the pod CIDR: without SNAT the answer would go
        // straight over the bridge from an address the client never talked to.
        script.append("add rule ").append(table).append(" postrouting ct status dnat ip saddr ").append(cidr)
            .append(" ip daddr ").append(cidr).append(" masquerade\n");
        if (config.masquerade()) {
            script.append("add rule ").append(table).append(" postrouting ip saddr ").append(cidr)
                .append(" ip daddr != ").append(cidr).append(" masquerade\n");
        }
        return script.toString();
    }

    private String mapOf(HostPort port) {
        return "ip " + config.nftTable() + " " + (port.hostIp().isPresent() ? HOST_IP_PORTS_MAP : PORTS_MAP);
    }

    private static String key(HostPort port) {
        String protocolAndPort = port.protocol().nftName() + " . " + port.hostPort();
        return port.hostIp().map(ip -> ip + " . " + protocolAndPort).orElse(protocolAndPort);
    }

    private static String concat(JsonNode parts) {
        List<String> values = new ArrayList<>();
        parts.forEach(part -> values.add(part.asText()));
        return String.join(" . ", values);
    }
}
