package io.tinykube.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.api.ListResult;
import io.tinykube.store.sql.Append;
import io.tinykube.store.sql.H2Dialect;
import io.tinykube.store.sql.SqlLog;
import io.tinykube.store.sql.ValueCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prefix list reads only the newest version of each key: 10,000 keys of 1 KiB, each updated four times and
 * not compacted (50,000 rows, ~40 MB of values), are listed by a child JVM with a 32 MiB heap and the default
 * 16 MiB page cache. That holds neither every version nor a buffered copy of the result next to the listed
 * values; the former query, which read every version, ran out of memory there (it needed 48 MiB).
 */
class ListHeapTest {
    static final int KEYS = 10_000;
    static final int VERSIONS = 5;
    static final int VALUE_SIZE = 1024;
    static final String PREFIX = "/registry/things/";

    @TempDir
    Path dir;

    @Test
    void listsTenThousandKeysWithManyVersionsOnASmallHeap() throws Exception {
        long[] revisions = new long[KEYS];
        long[] created = new long[KEYS];
        try (SqlLog log = new SqlLog(new H2Dialect(dir, 1 << 20), 2)) {
            log.init();
            SplittableRandom random = new SplittableRandom(7);
            for (int version = 0; version < VERSIONS; version++) {
                List<Append> batch = new ArrayList<>();
                for (int k = 0; k < KEYS; k++) {
                    byte[] value = ValueCodec.encode(value(random, k, version));
                    batch.add(version == 0 ? Append.create(key(k), 0, 0, 0, value)
                            : Append.update(key(k), created[k], revisions[k], 0, 0, value));
                    if (batch.size() == 1000 || k == KEYS - 1) {
                        long[] got = log.append(batch);
                        for (int i = 0; i < got.length; i++) {
                            int each = k - got.length + 1 + i;
                            revisions[each] = got[i];
                            if (version == 0) {
                                created[each] = got[i];
                            }
                        }
                        batch.clear();
                    }
                }
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx" + System.getProperty("tinykube.test.listHeap", "32m"), "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-da:org.h2...", "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=/dev/null", ListMain.class.getName(), "h2:" + dir)
                .redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        }
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), "the listing child failed: " + out);
        assertEquals("LISTED " + KEYS + " " + (long) KEYS * VERSIONS, out.get(out.size() - 1), String.valueOf(out));
    }

    static String key(int k) {
        return String.format("%sdefault/thing-%05d", PREFIX, k);
    }

    /** Poorly compressible, like the benchmark's: deflate keeps about 3/4 of it. */
    static byte[] value(SplittableRandom random, int key, int version) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        byte[] b = new byte[VALUE_SIZE];
        String head = key + ":" + version + ":";
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i < head.length() ? head.charAt(i) : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b;
    }

    /** The child: lists every key once, checks each is its newest version, prints how many. */
    public static final class ListMain {
        private ListMain() {
        }

        public static void main(String[] args) {
            try (KvStore store = KvStores.open(StoreOptions.builder().endpoint(args[0])
                    .compactInterval(Duration.ZERO).build())) {
                ListResult page = store.list(PREFIX, null, 0, 0);
                List<KeyValue> items = page.items();
                for (int k = 0; k < items.size(); k++) {
                    KeyValue kv = items.get(k);
                    String head = new String(kv.value(), 0, 16, StandardCharsets.US_ASCII);
                    if (!kv.key().equals(key(k)) || !head.startsWith(k + ":" + (VERSIONS - 1) + ":")
                            || kv.value().length != VALUE_SIZE) {
                        throw new IllegalStateException("item " + k + " is " + kv.key() + " " + head);
                    }
                }
                System.out.println("LISTED " + items.size() + " " + page.revision());
            }
        }
    }
}
