package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.process.RecordingRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostNetwork pod gets no namespace, no address and no process start: only the node's files. */
class HostNetworkPodTest {
    @TempDir
    Path dir;

    @Test
    void aHostNetworkPodGetsTheNodesHostsAndResolverAndNothingElse() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n192.168.1.10 pi-1\n");
        Path resolvConf = Files.writeString(dir.resolve("resolv.conf"), "nameserver 192.168.1.1\nsearch lan\n");
        RecordingRunner runner = new RecordingRunner();
        PodNetwork network = new PodNetwork(PodNetworkConfig.defaults(Ipv4Cidr.parse("10.42.0.0/24"), dir.resolve("state"))
            .withNetnsDir(dir.resolve("netns")).withHostFiles(resolvConf, hosts), runner);

        PodNetworkStatus status = network.setUp(PodNetworkRequest.of("sb-host", "kube-system", "pi-1", "10.43.0.10")
            .withHostNetwork().withHostAliases(List.of(new HostAlias("10.1.2.3", List.of("registry")))));

        assertTrue(status.ip().isEmpty());
        assertTrue(status.netns().isEmpty());
        assertEquals(List.of(), runner.commands);
        assertTrue(network.ipam().allocations().isEmpty());
        assertEquals("# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n192.168.1.10 pi-1\n"
            + "\n# Entries added by HostAliases.\n10.1.2.3\tregistry\n", Files.readString(status.hosts()));
        assertEquals("search lan\nnameserver 192.168.1.1\n", Files.readString(status.resolvConf()));
        assertEquals("pi-1\n", Files.readString(status.hostname()));

        network.tearDown("sb-host");
        assertTrue(network.sandboxIds().isEmpty());
    }
}
