package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that would escape a directory or forge lines in ip, nft or resolver files is refused. */
class HostileNetworkInputTest {
    @TempDir
    Path dir;

    @Test
    void sandboxIdsThatAreNotPlainNamesAreRefused() {
        IpAllocator allocator = new IpAllocator(dir, Ipv4Cidr.parse("10.42.0.0/24"));
        for (String id : List.of("", "../../etc", "a/b", ".hidden", "a b", "a\nb", "x".repeat(129))) {
            assertThrows(IllegalArgumentException.class, () -> allocator.allocate(id), id);
            assertThrows(IllegalArgumentException.class, () -> PodNetworkRequest.of(id, "default", "h", "10.43.0.10"), id);
        }
    }

    @Test
    void hostAliasesAndHostnamesWithWhitespaceAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PodFiles.hosts("10.42.0.5", "web\n1.2.3.4 evil",
            Optional.empty(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> PodFiles.hosts("10.42.0.5", "web", Optional.empty(),
            List.of(new HostAlias("1.2.3.4", List.of("ok", "evil\n6.6.6.6 bank")))));
    }

    @Test
    void dnsSettingsWithWhitespaceAreRefused() {
        PodNetworkRequest request = PodNetworkRequest.of("sb1", "default", "web", "10.43.0.10")
            .withDns(DnsPolicy.NONE, new DnsConfig(List.of("1.1.1.1\nnameserver 6.6.6.6"), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
            () -> PodFiles.resolvConf(PodFiles.resolv(request, PodFiles.parseResolvConf(""))));
    }

    @Test
    void hostPortsOutOfRangeOrWithABogusHostIpAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HostPort.tcp(0, 80));
        assertThrows(IllegalArgumentException.class, () -> HostPort.tcp(8080, 65536));
        assertThrows(IllegalArgumentException.class,
            () -> new HostPort(8080, 80, HostPort.Protocol.TCP, Optional.of("1.2.3.4 } ; flush ruleset")));
    }

    @Test
    void bridgeAndTableNamesThatAreNotPlainNamesAreRefused() {
        PodNetworkConfig config = PodNetworkConfig.defaults(Ipv4Cidr.parse("10.42.0.0/24"), dir);
        assertThrows(IllegalArgumentException.class, () -> config.withBridge("a-name-longer-than-15"));
        assertThrows(IllegalArgumentException.class, () -> config.withBridge("tk0 type dummy"));
        assertThrows(IllegalArgumentException.class, () -> config.withNftTable("t; flush ruleset"));
    }

    @Test
    void cidrsWithHostBitsOrTooSmallAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse("10.42.0.5/24"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse("10.42.0.0/31"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse("10.42.300.0/24"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Cidr.parse("example.com/24"));
    }
}
