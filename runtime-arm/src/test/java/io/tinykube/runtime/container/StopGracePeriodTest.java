package io.tinykube.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** stop = SIGTERM to PID 1, SIGKILL when the grace period is over. */
class StopGracePeriodTest {
    private ContainerFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ContainerFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    /**
     * Starts {@code trap} + a busy loop and stops it once the trap is in place: a PID 1 without a handler
     * ignores SIGTERM, so a TERM sent before the trap is set would only ever end in SIGKILL.
     */
    private ContainerState startAndStop(String id, String trap, Duration grace) throws InterruptedException {
        String ready = "ready-" + id;
        fixture.supervisor.create(fixture.spec(id, trap + "; touch /" + ready + "; while :; do sleep 0.1; done").build());
        ContainerState started = fixture.supervisor.start(id);
        assertEquals(ContainerStatus.RUNNING, started.status());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(fixture.rootfs.resolve(ready))) {
            assertTrue(System.nanoTime() < deadline, "the workload never set its trap");
            Thread.sleep(10);
        }
        return fixture.supervisor.stop(id, grace);
    }

    @Test
    void aWorkloadHandlingTermExitsCleanlyBeforeTheGracePeriodEnds() throws InterruptedException {
        long begin = System.nanoTime();
        ContainerState state = startAndStop("graceful", "trap 'exit 0' TERM", Duration.ofSeconds(20));
        assertEquals(0, state.exit().orElseThrow().code());
        assertEquals(ExitStatus.Reason.COMPLETED, state.exit().orElseThrow().reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - begin).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void aWorkloadIgnoringTermIsKilledAfterTheGracePeriod() throws InterruptedException {
        long begin = System.nanoTime();
        ContainerState state = startAndStop("stubborn", "trap '' TERM", Duration.ofSeconds(1));
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - begin).toMillis();
        assertEquals(137, state.exit().orElseThrow().code());
        assertEquals(ExitStatus.Reason.ERROR, state.exit().orElseThrow().reason());
        assertTrue(elapsedMillis >= 1000, "killed only after the grace period: " + elapsedMillis + " ms");
    }
}
