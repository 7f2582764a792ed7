package io.tinykube.runtime.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throw-away pod network for one test: a bridge {@code tktest<hex>} on an unused 10.199.N.0/24, state and
 * namespaces under a temporary directory, optionally inside a namespace of its own playing the node.
 * {@link #close()} removes every device, namespace and file, also after a failed test.
 */
public final class TestNode implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    final String suffix;
    public final Ipv4Cidr cidr;
    final Path dir;
    final Optional<Path> nodeNetns;
    public final PodNetworkConfig config;

    private TestNode(boolean ownNamespace) {
        byte[] bytes = new byte[2];
        RANDOM.nextBytes(bytes);
        suffix = HexFormat.of().formatHex(bytes);
        cidr = unusedCidr();
        try {
            dir = Files.createTempDirectory("tinykube-net-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ownNamespace) {
            Path file = dir.resolve("node.netns");
            touch(file);
            check(Shell.run("unshare", "--net=" + file, "ip", "link", "set", "lo", "up"));
            nodeNetns = Optional.of(file);
        } else {
            nodeNetns = Optional.empty();
        }
        PodNetworkConfig base = PodNetworkConfig.defaults(cidr, dir.resolve("state"))
            .withBridge("tktest" + suffix)
            .withNetnsDir(dir.resolve("netns"))
            .withNftTable("tktest" + suffix);
        // On the real host: no sysctl and no nftables changes; inside an own node namespace everything.
        config = ownNamespace ? base.withNodeNetns(nodeNetns.get()) : base.withForwarding(false, false);
    }

    /** Bridge and pods in the test process's own network namespace (the host's). */
    public static TestNode onHost() {
        return new TestNode(false);
    }

    /** Bridge and pods inside a fresh namespace playing the node, so nftables and sysctls stay off the host. */
    static TestNode inOwnNamespace() {
        return new TestNode(true);
    }

    String bridge() {
        return config.bridge();
    }

    /** Runs a command in the node's namespace. */
    Shell.Result inNode(String... command) {
        if (nodeNetns.isEmpty()) {
            return Shell.run(command);
        }
        String[] wrapped = new String[command.length + 2];
        wrapped[0] = "nsenter";
        wrapped[1] = "--net=" + nodeNetns.get();
        System.arraycopy(command, 0, wrapped, 2, command.length);
        return Shell.run(wrapped);
    }

    public static String sandboxId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "sb-" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        Path netnsDir = config.netnsDir();
        if (Files.isDirectory(netnsDir)) {
            try (Stream<Path> files = Files.list(netnsDir)) {
                files.forEach(file -> Shell.run("umount", "-l", file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (nodeNetns.isPresent()) {
            // Every device of the test lives in that namespace and goes with it.
            Shell.run("umount", "-l", nodeNetns.get().toString());
        } else {
            for (String veth : Shell.run("ip", "-o", "link", "show", "master", bridge()).output().lines()
                     .map(line -> line.split(": ")[1].split("@")[0]).toList()) {
                Shell.run("ip", "link", "del", veth);
            }
            Shell.run("ip", "link", "del", bridge());
        }
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Ipv4Cidr unusedCidr() {
        String routes = Shell.run("ip", "-4", "route", "show", "table", "all").output()
            + Shell.run("ip", "-4", "addr").output();
        for (int attempt = 0; attempt < 50; attempt++) {
            int third = RANDOM.nextInt(256);
            if (!routes.contains("10.199." + third + ".")) {
                return Ipv4Cidr.parse("10.199." + third + ".0/24");
            }
        }
        throw new IllegalStateException("no unused 10.199.N.0/24 on this machine");
    }

    private static void touch(Path file) {
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(Shell.Result result) {
        if (!result.ok()) {
            throw new IllegalStateException(result.output());
        }
    }
}
