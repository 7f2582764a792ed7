package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpReleaseTest {
    private static final Ipv4Cidr CIDR = Ipv4Cidr.parse("10.42.7.0/24");

    @TempDir
    Path dir;

    @Test
    void releasingDeletesTheFileAndTheSandboxHoldsNothing() {
        IpAllocator allocator = new IpAllocator(dir, CIDR);
        Inet4Address address = allocator.allocate("pod-a");
        assertTrue(allocator.release("pod-a"));
        assertFalse(Files.exists(dir.resolve(address.getHostAddress())));
        assertTrue(allocator.find("pod-a").isEmpty());
        assertFalse(allocator.release("pod-a"), "a second release finds nothing");
    }

    @Test
    void aReleasedAddressIsNotTheNextOneHandedOut() {
        IpAllocator allocator = new IpAllocator(dir, CIDR);
        Inet4Address released = allocator.allocate("pod-a");
        allocator.release("pod-a");
        assertNotEquals(released, allocator.allocate("pod-b"));
    }

    @Test
    void aReleasedAddressComesBackWhenTheRestIsTaken() {
        Ipv4Cidr small = Ipv4Cidr.parse("10.42.7.0/29");
        IpAllocator allocator = new IpAllocator(dir, small);
        for (int i = 0; i < small.podAddressCount(); i++) {
            allocator.allocate("pod-" + i);
        }
        Inet4Address released = allocator.find("pod-3").orElseThrow();
        allocator.release("pod-3");
        assertEquals(released, allocator.allocate("pod-new"));
    }
}
