package io.tinykube.store;

import static io.tinykube.store.CrudAndRevisionsTest.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.store.api.KeyValue;
import io.tinykube.store.api.KvStore;
import io.tinykube.store.testing.Backend;
import io.tinykube.store.testing.BackendTest;
import io.tinykube.store.testing.StoreFixture;
import io.tinykube.store.testing.WriteStormMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** Every acknowledged write survives kill -9 of the writing process. */
class DurabilityTest {
    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private record Ack(long revision, String key, String value) {
    }

    @BackendTest
    void acknowledgedWritesSurviveKillMinusNine(Backend backend) throws Exception {
        fixture = new StoreFixture(backend);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=/dev/null", WriteStormMain.class.getName(), fixture.endpoint(), "6")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Ack> acks = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
                String[] f = line.split(" ");
                if (f.length == 5 && f[0].equals("ACK") && f[4].equals("END")) {
                    acks.add(new Ack(Long.parseLong(f[1]), f[2], f[3]));
                    if (acks.size() == 600) {
                        // SIGKILL in the middle of the storm (through the handle: Process.destroyForcibly would also
                        // close our end of the pipe, losing acknowledgements still in it)
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(acks.size() >= 600, "the child acknowledged " + acks.size() + " writes");

        KvStore store = fixture.open();
        long maxAcked = 0;
        for (Ack ack : acks) {
            KeyValue kv = store.get(ack.key, ack.revision).orElseThrow(
                    () -> new AssertionError("acknowledged revision " + ack.revision + " of " + ack.key + " is lost"));
            assertEquals(ack.revision, kv.modRevision(), ack.key);
            assertEquals(ack.value, new String(kv.value(), StandardCharsets.UTF_8));
            maxAcked = Math.max(maxAcked, ack.revision);
        }
        long current = store.currentRevision();
        assertTrue(current >= maxAcked, "current " + current + " < acknowledged " + maxAcked);
        assertTrue(store.create("/after-crash", b("v"), 0).modRevision() > current);
    }
}
