package io.tinykube.server.registry.strategy;

import io.tinykube.store.api.KeyExistsException;
import io.tinykube.store.api.KeyNotFoundException;
import io.tinykube.store.api.KvStore;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The cluster-wide pools of Service cluster IPs (10.43.0.0/16) and node ports (30000–32767). Each
 * address taken is one key in the datastore, created atomically, so two servers sharing a datastore
 * never hand out the same one.
 */
public final class ServiceAddresses {
    static final String IP_PREFIX = "/registry/tinykube/serviceips/";
    static final String PORT_PREFIX = "/registry/tinykube/nodeports/";
    /** 10.43.0.0/16: .0.0 is the network, .0.1 the kubernetes service, .0.10 cluster DNS, .255.255 broadcast. */
    static final int NETWORK = (10 << 24) | (43 << 16);
    static final int SIZE = 1 << 16;
    static final int FIRST_NODE_PORT = 30000;
    static final int LAST_NODE_PORT = 32767;
    private static final int ATTEMPTS = 64;

    private final KvStore kv;

    public ServiceAddresses(KvStore kv) {
        this.kv = kv;
    }

    /** Takes a specific address; false when it is already taken. */
    boolean takeIp(String ip, String owner) {
        return take(IP_PREFIX + ip, owner);
    }

    /** Takes a free address, or null when the range looks full. */
    String takeAnyIp(String owner) {
        for (int i = 0; i < ATTEMPTS; i++) {
            int offset = ThreadLocalRandom.current().nextInt(11, SIZE - 1);
            String ip = format(NETWORK + offset);
            if (take(IP_PREFIX + ip, owner)) {
                return ip;
            }
        }
        return null;
    }

    boolean takePort(int port, String owner) {
        return take(PORT_PREFIX + port, owner);
    }

    int takeAnyPort(String owner) {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_NODE_PORT, LAST_NODE_PORT + 1);
            if (take(PORT_PREFIX + port, owner)) {
                return port;
            }
        }
        return -1;
    }

    void releaseIp(String ip) {
        release(IP_PREFIX + ip);
    }

    void releasePort(int port) {
        release(PORT_PREFIX + port);
    }

    static boolean inServiceRange(String ip) {
        String[] octets = ip.split("\\.");
        return octets.length == 4 && octets[0].equals("10") && octets[1].equals("43");
    }

    private boolean take(String key, String owner) {
        try {
            kv.create(key, owner.getBytes(StandardCharsets.UTF_8), 0);
            return true;
        } catch (KeyExistsException e) {
            return false;
        }
    }

    private void release(String key) {
        try {
            kv.delete(key, 0);
        } catch (KeyNotFoundException e) {
            // already free
        }
    }

    private static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }
}
