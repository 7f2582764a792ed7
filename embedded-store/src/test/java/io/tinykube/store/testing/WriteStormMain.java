package io.tinykube.store.testing;

import io.tinykube.store.KvStores;
import io.tinykube.store.StoreOptions;
import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Child process for the durability test: writes from several threads until killed and prints
 * {@code ACK <revision> <key> <value> END} once each write is acknowledged.
 */
public final class WriteStormMain {
    private WriteStormMain() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        int threads = Integer.parseInt(args[1]);
        KvStore store = KvStores.open(StoreOptions.builder().endpoint(endpoint).compactInterval(Duration.ZERO).build());
        System.out.println("READY");
        System.out.flush();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                long[] revisions = new long[20];
                for (int i = 0; ; i++) {
                    int slot = i % revisions.length;
                    String key = "/storm/t" + thread + "/k" + slot;
                    String value = "t" + thread + "-" + i;
                    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                    KeyValue kv = revisions[slot] == 0 ? store.create(key, bytes, 0)
                            : store.update(key, bytes, revisions[slot], 0);
                    revisions[slot] = kv.modRevision();
                    synchronized (System.out) {
                        System.out.println("ACK " + kv.modRevision() + " " + key + " " + value + " END");
                        System.out.flush();
                    }
                }
            }, "storm-" + t);
            w.start();
        }
        Thread.currentThread().join(); // until killed
    }
}
