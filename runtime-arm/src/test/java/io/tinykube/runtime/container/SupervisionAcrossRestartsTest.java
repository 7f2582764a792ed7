package io.tinykube.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Containers outlive the agent that started them: a new supervisor re-attaches from the state on disk, and an
 * exit that happens while no agent runs is recorded all the same.
 */
class SupervisionAcrossRestartsTest {
    private ContainerFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ContainerFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aRunningContainerSurvivesTheAgentAndIsStoppedByTheNextOne() throws Exception {
        AgentProcess.startAndExit(fixture, "survivor", "trap 'echo terminated; exit 0' TERM; echo up; while :; do sleep 0.1; done");

        ContainerSupervisor restarted = fixture.newSupervisor();
        ContainerState state = restarted.state("survivor");
        assertEquals(ContainerStatus.RUNNING, state.status());
        assertTrue(state.pid().isPresent());
        assertTrue(ProcessHandle.of(state.pid().getAsLong()).orElseThrow().isAlive());

        ContainerState stopped = restarted.stop("survivor", Duration.ofSeconds(10));
        assertEquals(ContainerStatus.STOPPED, stopped.status());
        assertEquals(0, stopped.exit().orElseThrow().code());
        assertEquals("up\nterminated\n", Files.readString(fixture.dir.resolve("survivor.out")));
    }

    @Test
    void anExitWhileNoAgentRunsIsRecorded() throws Exception {
        AgentProcess.startAndExit(fixture, "quitter", "sleep 0.3; exit 7");
        // No supervisor lives in this JVM meanwhile: the shim records the exit alone. Each look is a fresh
        // supervisor reading the state on disk, as an agent starting again would.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fixture.newSupervisor().state("quitter").status() != ContainerStatus.STOPPED) {
            assertTrue(System.nanoTime() < deadline, "the exit was never recorded");
            Thread.sleep(50);
        }

        ContainerState state = fixture.newSupervisor().state("quitter");
        assertEquals(ContainerStatus.STOPPED, state.status());
        assertEquals(7, state.exit().orElseThrow().code());
        assertEquals(ExitStatus.Reason.ERROR, state.exit().orElseThrow().reason());
    }

    @Test
    void aKillWhileNoAgentRunsIsRecordedAs137() throws Exception {
        AgentProcess.startAndExit(fixture, "killed", "while :; do sleep 0.1; done");
        ContainerSupervisor restarted = fixture.newSupervisor();
        long pid = restarted.state("killed").pid().orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        ContainerState state = restarted.waitForExit("killed", Duration.ofSeconds(10));
        assertEquals(ContainerStatus.STOPPED, state.status());
        assertEquals(137, state.exit().orElseThrow().code());
        assertEquals(ExitStatus.Reason.ERROR, state.exit().orElseThrow().reason());
    }
}
