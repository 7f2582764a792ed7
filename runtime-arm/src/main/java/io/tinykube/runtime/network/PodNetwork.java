package io.tinykube.runtime.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tinykube.runtime.process.CommandFailedException;
import io.tinykube.runtime.process.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The pod network of one node: a bridge carrying the pod CIDR, and per pod sandbox a persistent network
 * namespace (a bind-mounted nsfs file, as {@code ip netns add} makes), a veth pair (host end on the bridge,
 * {@code eth0} in the pod), an address from {@link IpAllocator}, a default route via the bridge, hostPort
 * DNAT and the pod's hosts/resolv.conf/hostname files.
 *
 * <p>Process starts are the cost here, so a pod takes two to set up ({@code unshare ... ip -b -} creating
 * the namespace and configuring it in one go, then {@code ip -b -} on the node) plus one {@code nft} with
 * hostPorts, and two to tear down. Set-up is idempotent: re-run after a crash, it keeps a complete sandbox
 * network and rebuilds a partial one.
 */
public final class PodNetwork {
    private static final String NETNS_PREFIX = "tk-";
    private static final String POD_INTERFACE = "eth0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PodNetworkConfig config;
    private final CommandRunner runner;
    private final IpAllocator ipam;
    private final HostPortRules hostPortRules;

    public PodNetwork(PodNetworkConfig config) {
        this(config, CommandRunner.processes());
    }

    public PodNetwork(PodNetworkConfig config, CommandRunner runner) {
        this.config = config;
        this.runner = runner;
        this.ipam = new IpAllocator(config.stateDir().resolve("ipam"), config.podCidr());
        this.hostPortRules = new HostPortRules(config, runner, this::inNode);
    }

    public PodNetworkConfig config() {
        return config;
    }

    public IpAllocator ipam() {
        return ipam;
    }

    /**
     * Makes the node ready for pods: the bridge with the gateway address, up; ip_forward and the nftables
     * table (with masquerade) when configured. Idempotent; call at agent start.
     */
    public void initNode() {
        createDirectories(config.netnsDir());
        boolean bridgeExists = bridgeExists();
        String gateway = Ipv4Cidr.format(config.podCidr().gateway()) + "/" + config.podCidr().prefixLength();
        StringBuilder script = new StringBuilder();
        if (!bridgeExists) {
            script.append("link add ").append(config.bridge()).append(" mtu ").append(config.mtu()).append(" type bridge\n");
        }
        script.append("addr replace ").append(gateway).append(" dev ").append(config.bridge()).append('\n')
            .append("link set ").append(config.bridge()).append(" up\n");
        runner.run(inNode(List.of("ip", "-b", "-")), script.toString());
        if (config.ipForward()) {
            enableIpForward();
        }
        if (config.masquerade()) {
            hostPortRules.ensureTable();
        }
    }

    /** Sets up (or finds complete after a crash) the network of one pod sandbox. */
    public PodNetworkStatus setUp(PodNetworkRequest request) {
        String sandboxId = request.sandboxId();
        Path filesDir = filesDir(sandboxId);
        if (request.hostNetwork()) {
            PodFiles.write(filesDir, request, Optional.empty(), config.hostHosts(), config.hostResolvConf());
            return status(sandboxId, Optional.empty(), Optional.empty());
        }
        Inet4Address ip = ipam.allocate(sandboxId);
        Path netns = netnsPath(sandboxId);
        String hostVeth = hostVethName(sandboxId);
        if (!Files.exists(netns) || !isComplete(netns, hostVeth, ip)) {
            try {
                createInterfaces(netns, hostVeth, ip);
            } catch (CommandFailedException firstAttempt) {
                // Most likely left-overs of an earlier attempt (a host veth of that name): clear and retry once.
                removeInterfaces(netns, hostVeth);
                createInterfaces(netns, hostVeth, ip);
            }
        }
        Path hostPortRecord = hostPortRecord(sandboxId);
        if (!request.hostPorts().isEmpty()) {
            // Recorded first, so a teardown after a crash knows there may be rules to remove.
            writeString(hostPortRecord, ip.getHostAddress());
            hostPortRules.add(ip.getHostAddress(), request.hostPorts());
        }
        PodFiles.write(filesDir, request, Optional.of(ip), config.hostHosts(), config.hostResolvConf());
        return status(sandboxId, Optional.of(ip), Optional.of(netns));
    }

    /**
     * Removes everything the sandbox had: hostPort rules, veth pair, namespace, files, and last its address,
     * so no address is handed out again while rules still point at it. Idempotent. Stop the sandbox's
     * processes first; a process still inside keeps the namespace (not its mount) alive.
     */
    public void tearDown(String sandboxId) {
        IpAllocator.requireValidSandboxId(sandboxId);
        Path hostPortRecord = hostPortRecord(sandboxId);
        readString(hostPortRecord).ifPresent(ip -> hostPortRules.removeAllTo(ip.strip()));
        deleteIfExists(hostPortRecord);
        removeInterfaces(netnsPath(sandboxId), hostVethName(sandboxId));
        deleteRecursively(filesDir(sandboxId));
        ipam.release(sandboxId);
    }

    /**
     * Every sandbox that has some network state on this node (an address, a namespace, files): after a
     * reboot or a lost sandbox, the agent tears down the ones it no longer knows.
     */
    public Set<String> sandboxIds() {
        Set<String> ids = new TreeSet<>(ipam.allocations().values());
        listNames(config.netnsDir()).stream().filter(name -> name.startsWith(NETNS_PREFIX))
            .map(name -> name.substring(NETNS_PREFIX.length())).forEach(ids::add);
        ids.addAll(listNames(config.stateDir().resolve("pods")));
        ids.addAll(listNames(config.stateDir().resolve("hostports")));
        ids.removeIf(id -> !IpAllocator.SANDBOX_ID.matcher(id).matches());
        return ids;
    }

    /** The sandbox's persistent network namespace file. */
    public Path netnsPath(String sandboxId) {
        IpAllocator.requireValidSandboxId(sandboxId);
        return config.netnsDir().resolve(NETNS_PREFIX + sandboxId);
    }

    /** The node end of the sandbox's veth pair: derived from the id, so teardown finds it without state. */
    public static String hostVethName(String sandboxId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sandboxId.getBytes(StandardCharsets.UTF_8));
            return "tkv" + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void createInterfaces(Path netns, String hostVeth, Inet4Address ip) {
        if (Files.exists(netns)) {
            removeInterfaces(netns, hostVeth);
        }
        createDirectories(config.netnsDir());
        try {
            Files.createFile(netns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the namespace file " + netns, e);
        }
        Ipv4Cidr cidr = config.podCidr();
        // Run inside the new namespace: eth0 is created there and its peer in the node's namespace, so
        // nothing is moved or renamed and no name can clash with the node's own eth0.
        String podScript = "link set lo up\n"
            + "link add " + POD_INTERFACE + " mtu " + config.mtu() + " type veth peer name " + hostVeth
            + " mtu " + config.mtu() + " netns " + nodeNetnsPath() + "\n"
            + "addr add " + ip.getHostAddress() + "/" + cidr.prefixLength() + " dev " + POD_INTERFACE + "\n"
            + "link set " + POD_INTERFACE + " up\n"
            + "route add default via " + Ipv4Cidr.format(cidr.gateway()) + " dev " + POD_INTERFACE + "\n";
        runner.run(List.of("unshare", "--net=" + netns, "ip", "-b", "-"), podScript);
        runner.run(inNode(List.of("ip", "-b", "-")), "link set " + hostVeth + " master " + config.bridge() + " up\n");
    }

    /** Deletes the veth pair (both ends go) and unmounts and removes the namespace file; absent parts are fine. */
    private void removeInterfaces(Path netns, String hostVeth) {
        try {
            runner.run(inNode(List.of("ip", "link", "del", hostVeth)), "");
        } catch (CommandFailedException e) {
            if (!e.stderr().contains("Cannot find device") && !e.stderr().contains("does not exist")) {
                throw e;
            }
        }
        if (Files.exists(netns)) {
            try {
                runner.run(List.of("umount", netns.toString()), "");
            } catch (CommandFailedException e) {
                // An empty file left by a crash before unshare bound the namespace to it.
                if (!e.stderr().contains("not mounted")) {
                    throw e;
                }
            }
            deleteIfExists(netns);
        }
    }

    /** True when the namespace has lo up and eth0 up with the address, and the host end is up on the bridge. */
    private boolean isComplete(Path netns, String hostVeth, Inet4Address ip) {
        try {
            JsonNode podLinks = JSON.readTree(runner.run(
                List.of("nsenter", "--net=" + netns, "ip", "-j", "addr", "show"), ""));
            JsonNode hostLink = JSON.readTree(runner.run(
                inNode(List.of("ip", "-j", "link", "show", "dev", hostVeth)), "")).path(0);
            return isUp(find(podLinks, "lo"))
                && isUp(find(podLinks, POD_INTERFACE))
                && hasAddress(find(podLinks, POD_INTERFACE), ip)
                && isUp(hostLink)
                && config.bridge().equals(hostLink.path("master").asText());
        } catch (CommandFailedException | IOException e) {
            return false;
        }
    }

    private boolean hasAddress(JsonNode link, Inet4Address ip) {
        for (JsonNode address : link.path("addr_info")) {
            if (address.path("local").asText().equals(ip.getHostAddress())
                && address.path("prefixlen").asInt() == config.podCidr().prefixLength()) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode find(JsonNode links, String name) {
        for (JsonNode link : links) {
            if (link.path("ifname").asText().equals(name)) {
                return link;
            }
        }
        return JSON.missingNode();
    }

    private static boolean isUp(JsonNode link) {
        for (JsonNode flag : link.path("flags")) {
            if (flag.asText().equals("UP")) {
                return true;
            }
        }
        return false;
    }

    private boolean bridgeExists() {
        JsonNode link;
        try {
            link = JSON.readTree(runner.run(inNode(List.of("ip", "-d", "-j", "link", "show", "dev", config.bridge())), ""))
                .path(0);
        } catch (CommandFailedException e) {
            if (e.stderr().contains("does not exist")) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            throw new NetworkException("cannot read ip's description of " + config.bridge(), e);
        }
        String kind = link.path("linkinfo").path("info_kind").asText();
        if (!kind.equals("bridge")) {
            throw new NetworkException("interface " + config.bridge() + " exists but is a " + (kind.isEmpty() ? "plain device" : kind)
                + ", not a bridge; choose another bridge name");
        }
        return true;
    }

    private void enableIpForward() {
        if (config.nodeNetns().isEmpty()) {
            Path sysctl = Path.of("/proc/sys/net/ipv4/ip_forward");
            if (!readString(sysctl).orElse("").strip().equals("1")) {
                writeString(sysctl, "1");
            }
        } else {
            // /proc/sys/net shows the namespace of the process opening it, so a shell inside has to write it.
            runner.run(inNode(List.of("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward")), "");
        }
    }

    /** Runs a command in the node's namespace: the agent's own unless the config names another. */
    private List<String> inNode(List<String> command) {
        if (config.nodeNetns().isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("nsenter", "--net=" + config.nodeNetns().get()));
        wrapped.addAll(command);
        return wrapped;
    }

    /** What ip(8) opens to put the host end into the node's namespace (a path, as it contains a '/'). */
    private String nodeNetnsPath() {
        return config.nodeNetns().map(Path::toString).orElse("/proc/" + ProcessHandle.current().pid() + "/ns/net");
    }

    private PodNetworkStatus status(String sandboxId, Optional<Inet4Address> ip, Optional<Path> netns) {
        Path dir = filesDir(sandboxId);
        return new PodNetworkStatus(sandboxId, ip, netns, dir.resolve(PodFiles.HOSTS), dir.resolve(PodFiles.RESOLV_CONF),
            dir.resolve(PodFiles.HOSTNAME));
    }

    private Path filesDir(String sandboxId) {
        return config.stateDir().resolve("pods").resolve(sandboxId);
    }

    private Path hostPortRecord(String sandboxId) {
        return config.stateDir().resolve("hostports").resolve(sandboxId);
    }

    private static List<String> listNames(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Optional<String> readString(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void writeString(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
