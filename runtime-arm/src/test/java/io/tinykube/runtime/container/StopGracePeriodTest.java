package io.tinykube.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private ContainerState startAndStop(String id, String script, Duration grace) {
        fixture.supervisor.create(fixture.spec(id, script).build());
        ContainerState started = fixture.supervisor.start(id);
        assertEquals(ContainerStatus.RUNNING, started.status());
        return fixture.supervisor.stop(id, grace);
    }

    @Test
    void aWorkloadHandlingTermExitsCleanlyBeforeTheGracePeriodEnds() {
        long begin = System.nanoTime();
        ContainerState state = startAndStop("graceful", "trap 'exit 0' TERM; while :; do sleep 0.1; done", Duration.ofSeconds(20));
        assertEquals(0, state.exit().orElseThrow().code());
        assertEquals(ExitStatus.Reason.COMPLETED, state.exit().orElseThrow().reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - begin).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void aWorkloadIgnoringTermIsKilledAfterTheGracePeriod() {
        long begin = System.nanoTime();
        ContainerState state = startAndStop("stubborn", "trap '' TERM; while :; do sleep 0.1; done", Duration.ofSeconds(1));
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - begin).toMillis();
        assertEquals(137, state.exit().orElseThrow().code());
        assertEquals(ExitStatus.Reason.ERROR, state.exit().orElseThrow().reason());
        assertTrue(elapsedMillis >= 1000, "killed only after the grace period: " + elapsedMillis + " ms");
    }
}
