package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpPoolExhaustionTest {
    @TempDir
    Path dir;

    @Test
    void aSlash29HandsOutItsFivePodAddressesThenFailsWithAClearError() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("10.42.9.0/29");
        IpAllocator allocator = new IpAllocator(dir, cidr);
        List<String> handedOut = IntStream.range(0, 5)
            .mapToObj(i -> allocator.allocate("pod-" + i).getHostAddress()).sorted().toList();
        assertEquals(List.of("10.42.9.2", "10.42.9.3", "10.42.9.4", "10.42.9.5", "10.42.9.6"), handedOut);

        IpPoolExhaustedException error = assertThrows(IpPoolExhaustedException.class, () -> allocator.allocate("pod-5"));
        assertTrue(error.getMessage().contains("10.42.9.0/29"), error.getMessage());
        assertEquals(5, allocator.allocations().size(), "the failed attempt claimed nothing");
        assertTrue(allocator.find("pod-5").isEmpty());
    }
}
