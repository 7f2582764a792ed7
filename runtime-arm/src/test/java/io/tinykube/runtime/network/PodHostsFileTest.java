package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodHostsFileTest {
    private static final String HEADER = """
        # Kubernetes-managed hosts file.
        127.0.0.1\tlocalhost
        ::1\tlocalhost ip6-localhost ip6-loopback
        fe00::0\tip6-localnet
        fe00::0\tip6-mcastprefix
        fe00::1\tip6-allnodes
        fe00::2\tip6-allrouters
        """;

    @Test
    void listsLocalhostThenThePodsAddressAndHostname() {
        assertEquals(HEADER + "10.42.0.5\tweb-0\n", PodFiles.hosts("10.42.0.5", "web-0", Optional.empty(), List.of()));
    }

    @Test
    void aSubdomainGivesTheFullyQualifiedNameFirst() {
        assertEquals(HEADER + "10.42.0.5\tweb-0.web.shop.svc.cluster.local\tweb-0\n",
            PodFiles.hosts("10.42.0.5", "web-0", Optional.of("web.shop.svc.cluster.local"), List.of()));
    }

    @Test
    void hostAliasesFollowOneLinePerHostname() {
        String hosts = PodFiles.hosts("10.42.0.5", "web-0", Optional.empty(),
            List.of(new HostAlias("10.1.2.3", List.of("foo.local", "bar.local")), new HostAlias("10.1.2.4", List.of("baz"))));
        assertEquals(HEADER + "10.42.0.5\tweb-0\n"
            + "\n# Entries added by HostAliases.\n"
            + "10.1.2.3\tfoo.local\n10.1.2.3\tbar.local\n10.1.2.4\tbaz\n", hosts);
    }

    @Test
    void aHostNetworkPodGetsTheNodesHostsFilePlusItsAliases() {
        String hosts = PodFiles.hostNetworkHosts("127.0.0.1 localhost\n192.168.1.10 pi-1",
            List.of(new HostAlias("10.1.2.3", List.of("foo"))));
        assertEquals("# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n192.168.1.10 pi-1\n"
            + "\n# Entries added by HostAliases.\n10.1.2.3\tfoo\n", hosts);
    }
}
