package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpAllocationIsUniqueTest {
    private static final Ipv4Cidr CIDR = Ipv4Cidr.parse("10.42.7.0/24");

    @TempDir
    Path dir;

    @Test
    void concurrentAllocationsFromSeveralAllocatorsNeverShareAnAddress() throws Exception {
        // Two allocator instances over one directory stand in for two agent processes.
        IpAllocator first = new IpAllocator(dir, CIDR);
        IpAllocator second = new IpAllocator(dir, CIDR);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Inet4Address>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                IpAllocator allocator = i % 2 == 0 ? first : second;
                String sandbox = "pod-" + i;
                results.add(threads.submit((Callable<Inet4Address>) () -> allocator.allocate(sandbox)));
            }
            Set<Inet4Address> addresses = new HashSet<>();
            for (Future<Inet4Address> result : results) {
                assertTrue(addresses.add(result.get()), "handed out twice: " + result.get());
            }
            assertEquals(200, first.allocations().size());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anAllocatorStartedLaterKnowsEveryAddressHandedOutBefore() {
        IpAllocator beforeRestart = new IpAllocator(dir, CIDR);
        Set<Inet4Address> before = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            before.add(beforeRestart.allocate("old-" + i));
        }
        IpAllocator afterRestart = new IpAllocator(dir, CIDR);
        for (int i = 0; i < CIDR.podAddressCount() - 100; i++) {
            assertFalse(before.contains(afterRestart.allocate("new-" + i)), "reused after restart");
        }
        assertEquals(beforeRestart.find("old-0"), afterRestart.find("old-0"));
    }

    @Test
    void aSandboxAskingAgainGetsTheAddressItHolds() {
        IpAllocator allocator = new IpAllocator(dir, CIDR);
        Inet4Address first = allocator.allocate("pod-a");
        allocator.allocate("pod-b");
        assertEquals(first, new IpAllocator(dir, CIDR).allocate("pod-a"));
        assertEquals(2, allocator.allocations().size());
    }

    @Test
    void networkGatewayAndBroadcastAreNeverHandedOut() {
        IpAllocator allocator = new IpAllocator(dir, CIDR);
        Set<String> handedOut = new HashSet<>();
        for (int i = 0; i < CIDR.podAddressCount(); i++) {
            handedOut.add(allocator.allocate("pod-" + i).getHostAddress());
        }
        assertEquals(253, handedOut.size());
        assertFalse(handedOut.contains("10.42.7.0"));
        assertFalse(handedOut.contains("10.42.7.1"));
        assertFalse(handedOut.contains("10.42.7.255"));
    }

    @Test
    void eachAllocationIsOneFileNamedAfterTheAddressHoldingTheSandboxId() throws Exception {
        IpAllocator allocator = new IpAllocator(dir, CIDR);
        Inet4Address address = allocator.allocate("pod-a");
        assertEquals("pod-a", Files.readString(dir.resolve(address.getHostAddress())));
        assertEquals(Map.of(address, "pod-a"), allocator.allocations());
    }

    @Test
    void anEmptyFileLeftByACrashedAllocatorIsReclaimed() throws Exception {
        Files.createFile(dir.resolve("10.42.7.2"));
        IpAllocator allocator = new IpAllocator(dir, CIDR);
        assertTrue(allocator.allocations().isEmpty());
        assertEquals("10.42.7.2", allocator.allocate("pod-a").getHostAddress());
    }
}
