package io.tinykube.runtime.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pod's {@code /etc/hosts}, {@code /etc/resolv.conf} and hostname, in the formats kubelet and containerd
 * write, rendered from the pod spec and written into a per-pod directory the caller bind-mounts.
 */
public final class PodFiles {
    static final String HOSTS = "hosts";
    static final String RESOLV_CONF = "resolv.conf";
    static final String HOSTNAME = "hostname";
    /** As kubelet: at most three nameservers and 32 search domains reach the resolver. */
    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCHES = 32;
    /** Everything here lands in line-based files; whitespace or control characters would forge lines. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,253}");

    private PodFiles() {
    }

    /** The parts of a resolv.conf a pod inherits. */
    record Resolv(List<String> nameservers, List<String> searches, List<String> options) {
    }

    /** Writes the three files for {@code request} into {@code dir}; {@code ip} is empty for hostNetwork pods. */
    static void write(Path dir, PodNetworkRequest request, Optional<Inet4Address> ip, Path hostHosts, Path hostResolvConf) {
        requireToken("hostname", request.hostname());
        String hosts = request.hostNetwork()
            ? hostNetworkHosts(readOrEmpty(hostHosts), request.hostAliases())
            : hosts(ip.orElseThrow().getHostAddress(), request.hostname(), hostDomain(request), request.hostAliases());
        String resolvConf = resolvConf(resolv(request, parseResolvConf(readOrEmpty(hostResolvConf))));
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve(HOSTS), hosts);
            writeAtomically(dir.resolve(RESOLV_CONF), resolvConf);
            writeAtomically(dir.resolve(HOSTNAME), request.hostname() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pod files under " + dir, e);
        }
    }

    /** kubelet's managed hosts file for a pod on the pod network. */
    static String hosts(String podIp, String hostname, Optional<String> hostDomain, List<HostAlias> aliases) {
        requireToken("hostname", hostname);
        StringBuilder out = new StringBuilder("# Kubernetes-managed hosts file.\n")
            .append("127.0.0.1\tlocalhost\n")
            .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
            .append("fe00::0\tip6-localnet\n")
            .append("fe00::0\tip6-mcastprefix\n")
            .append("fe00::1\tip6-allnodes\n")
            .append("fe00::2\tip6-allrouters\n");
        if (hostDomain.isPresent()) {
            out.append(podIp).append('\t').append(hostname).append('.').append(hostDomain.get())
                .append('\t').append(hostname).append('\n');
        } else {
            out.append(podIp).append('\t').append(hostname).append('\n');
        }
        return out.append(aliasLines(aliases)).toString();
    }

    /** kubelet's hosts file for a hostNetwork pod: the node's, plus the aliases. */
    static String hostNetworkHosts(String nodeHosts, List<HostAlias> aliases) {
        String body = nodeHosts.isEmpty() || nodeHosts.endsWith("\n") ? nodeHosts : nodeHosts + "\n";
        return "# Kubernetes-managed hosts file (host network).\n" + body + aliasLines(aliases);
    }

    /** What the pod's resolver gets, as kubelet decides it from the policy, the node and dnsConfig. */
    static Resolv resolv(PodNetworkRequest request, Resolv node) {
        List<String> nameservers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        boolean clusterDns = switch (request.dnsPolicy()) {
            case CLUSTER_FIRST -> !request.hostNetwork();
            case CLUSTER_FIRST_WITH_HOST_NET -> true;
            case DEFAULT, NONE -> false;
        };
        if (clusterDns) {
            nameservers.add(request.clusterDns().orElseThrow(() -> new IllegalArgumentException(
                "dnsPolicy " + request.dnsPolicy() + " needs the cluster DNS address")));
            String domain = request.clusterDomain();
            searches.addAll(List.of(request.namespace() + ".svc." + domain, "svc." + domain, domain));
            searches.addAll(node.searches());
            options.add("ndots:5");
        } else if (request.dnsPolicy() != DnsPolicy.NONE) {
            nameservers.addAll(node.nameservers());
            searches.addAll(node.searches());
            options.addAll(node.options());
        }
        nameservers.addAll(request.dnsConfig().nameservers());
        searches.addAll(request.dnsConfig().searches());
        return new Resolv(
            limit(new ArrayList<>(new LinkedHashSet<>(nameservers)), MAX_NAMESERVERS),
            limit(new ArrayList<>(new LinkedHashSet<>(searches)), MAX_SEARCHES),
            mergeOptions(options, request.dnsConfig().options()));
    }

    /** containerd's layout: search, nameservers, options. */
    static String resolvConf(Resolv resolv) {
        StringBuilder out = new StringBuilder();
        resolv.searches().forEach(search -> requireToken("search domain", search));
        resolv.nameservers().forEach(nameserver -> requireToken("nameserver", nameserver));
        resolv.options().forEach(option -> requireToken("resolver option", option));
        if (!resolv.searches().isEmpty()) {
            out.append("search ").append(String.join(" ", resolv.searches())).append('\n');
        }
        resolv.nameservers().forEach(nameserver -> out.append("nameserver ").append(nameserver).append('\n'));
        if (!resolv.options().isEmpty()) {
            out.append("options ").append(String.join(" ", resolv.options())).append('\n');
        }
        return out.toString();
    }

    static Resolv parseResolvConf(String content) {
        List<String> nameservers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : content.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields[0].isEmpty() || fields[0].startsWith("#") || fields[0].startsWith(";")) {
                continue;
            }
            List<String> values = List.of(fields).subList(1, fields.length);
            switch (fields[0]) {
                case "nameserver" -> nameservers.addAll(values.isEmpty() ? List.of() : values.subList(0, 1));
                case "search" -> {
                    // As in resolv.conf(5), the last search line wins.
                    searches.clear();
                    searches.addAll(values);
                }
                case "options" -> options.addAll(values);
                default -> {
                    // domain, sortlist, ...: not passed to pods, as kubelet.
                }
            }
        }
        return new Resolv(nameservers, searches, options);
    }

    private static Optional<String> hostDomain(PodNetworkRequest request) {
        return request.subdomain().filter(subdomain -> !subdomain.isEmpty())
            .map(subdomain -> subdomain + "." + request.namespace() + ".svc." + request.clusterDomain());
    }

    private static String aliasLines(List<HostAlias> aliases) {
        if (aliases.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n# Entries added by HostAliases.\n");
        for (HostAlias alias : aliases) {
            requireToken("hostAliases ip", alias.ip());
            for (String hostname : alias.hostnames()) {
                requireToken("hostAliases hostname", hostname);
                out.append(alias.ip()).append('\t').append(hostname).append('\n');
            }
        }
        return out.toString();
    }

    /** Options are {@code name} or {@code name:value}; dnsConfig replaces same-named ones. */
    private static List<String> mergeOptions(List<String> base, List<String> overrides) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String option : base) {
            byName.put(option.split(":", 2)[0], option);
        }
        for (String option : overrides) {
            byName.put(option.split(":", 2)[0], option);
        }
        return List.copyOf(byName.values());
    }

    private static List<String> limit(List<String> values, int max) {
        return values.size() <= max ? values : List.copyOf(values.subList(0, max));
    }

    private static void requireToken(String what, String value) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be printable without whitespace, got: " + value);
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
