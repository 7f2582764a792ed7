package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PodResolvConfTest {
    private static final PodFiles.Resolv NODE = PodFiles.parseResolvConf("""
        # written by the DHCP client
        domain home.arpa
        search corp.example home.arpa
        nameserver 192.168.1.1
        nameserver 192.168.1.2
        options edns0 timeout:2
        """);
    private static final PodNetworkRequest POD = PodNetworkRequest.of("sb1", "shop", "web-0", "10.43.0.10");

    @Test
    void clusterFirstUsesTheClusterDnsAndKubeletsSearchPath() {
        assertEquals("""
            search shop.svc.cluster.local svc.cluster.local cluster.local corp.example home.arpa
            nameserver 10.43.0.10
            options ndots:5
            """, render(POD));
    }

    @Test
    void defaultUsesTheNodesResolver() {
        assertEquals("""
            search corp.example home.arpa
            nameserver 192.168.1.1
            nameserver 192.168.1.2
            options edns0 timeout:2
            """, render(POD.withDns(DnsPolicy.DEFAULT, DnsConfig.EMPTY)));
    }

    @Test
    void aHostNetworkPodWithClusterFirstUsesTheNodesResolverUnlessWithHostNet() {
        PodNetworkRequest hostNetwork = POD.withHostNetwork();
        assertEquals(render(POD.withDns(DnsPolicy.DEFAULT, DnsConfig.EMPTY)), render(hostNetwork));
        assertEquals(render(POD), render(hostNetwork.withDns(DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET, DnsConfig.EMPTY)));
    }

    @Test
    void dnsConfigIsAppendedAndItsOptionsReplaceSameNamedOnes() {
        DnsConfig config = new DnsConfig(List.of("1.1.1.1"), List.of("extra.example"), List.of("ndots:2", "edns0"));
        assertEquals("""
            search shop.svc.cluster.local svc.cluster.local cluster.local corp.example home.arpa extra.example
            nameserver 10.43.0.10
            nameserver 1.1.1.1
            options ndots:2 edns0
            """, render(POD.withDns(DnsPolicy.CLUSTER_FIRST, config)));
    }

    @Test
    void policyNoneTakesOnlyDnsConfig() {
        DnsConfig config = new DnsConfig(List.of("9.9.9.9"), List.of("only.example"), List.of());
        assertEquals("search only.example\nnameserver 9.9.9.9\n", render(POD.withDns(DnsPolicy.NONE, config)));
    }

    @Test
    void atMostThreeNameserversReachThePod() {
        DnsConfig config = new DnsConfig(List.of("1.1.1.1", "8.8.8.8", "9.9.9.9"), List.of(), List.of());
        assertEquals(List.of("10.43.0.10", "1.1.1.1", "8.8.8.8"),
            PodFiles.resolv(POD.withDns(DnsPolicy.CLUSTER_FIRST, config), NODE).nameservers());
    }

    private static String render(PodNetworkRequest request) {
        return PodFiles.resolvConf(PodFiles.resolv(request, NODE));
    }
}
