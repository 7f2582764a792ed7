package io.tinykube.runtime.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 network such as the node's pod CIDR {@code 10.42.3.0/24}. Its first address is the network, the
 * next one the gateway on the bridge and the last one the broadcast address; pods get the ones between.
 */
public record Ipv4Cidr(int network, int prefixLength) {
    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    public Ipv4Cidr {
        // A /30 leaves exactly one pod address after network, gateway and broadcast.
        if (prefixLength < 8 || prefixLength > 30) {
            throw new IllegalArgumentException("pod CIDR prefix must be between /8 and /30, got /" + prefixLength);
        }
        if ((network & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException(format(network) + "/" + prefixLength + " has host bits set");
        }
    }

    /** Parses {@code a.b.c.d/n}; host bits must be zero. */
    public static Ipv4Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR (a.b.c.d/n): " + cidr);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR (a.b.c.d/n): " + cidr);
        }
        return new Ipv4Cidr(parseAddress(cidr.substring(0, slash)), prefix);
    }

    /** Parses a dotted quad without any name lookup. */
    public static int parseAddress(String dottedQuad) {
        var matcher = DOTTED_QUAD.matcher(dottedQuad);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an IPv4 address: " + dottedQuad);
        }
        int address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(matcher.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dottedQuad);
            }
            address = address << 8 | octet;
        }
        return address;
    }

    public static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    public static Inet4Address toInet(int address) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {
                (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int fromInet(Inet4Address address) {
        byte[] bytes = address.getAddress();
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
    }

    public int gateway() {
        return network + 1;
    }

    public int broadcast() {
        return network | ~mask(prefixLength);
    }

    public int firstPodAddress() {
        return network + 2;
    }

    public int lastPodAddress() {
        return broadcast() - 1;
    }

    public int podAddressCount() {
        return lastPodAddress() - firstPodAddress() + 1;
    }

    public boolean isPodAddress(int address) {
        return Integer.compareUnsigned(address, firstPodAddress()) >= 0
            && Integer.compareUnsigned(address, lastPodAddress()) <= 0;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    private static int mask(int prefixLength) {
        return -1 << (32 - prefixLength);
    }
}
