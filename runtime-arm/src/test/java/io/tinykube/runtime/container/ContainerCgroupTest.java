package io.tinykube.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.Resources;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workload starts inside its cgroup with the limits already in force, and sees them. */
class ContainerCgroupTest {
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
    void theWorkloadIsInItsCgroupWithItsLimits() throws Exception {
        String cgroup = fixture.cgroupRoot + "/limited";
        String out = fixture.output(fixture.spec("limited",
                "grep -E ':(memory|pids):' /proc/self/cgroup; cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max")
            .resources(Resources.kubernetes(100, 500L, 64L << 20, 100L)).build());
        List<String> lines = out.lines().toList();
        assertTrue(lines.stream().filter(l -> l.contains(":memory:") || l.contains(":pids:"))
            .allMatch(l -> l.endsWith(":/" + cgroup)), out);
        assertEquals(2, lines.stream().filter(l -> l.endsWith(":/" + cgroup)).count(), out);
        assertEquals(List.of(Long.toString(64L << 20), "100"), lines.subList(2, 4));
    }

    @Test
    void anOomKillIsRecordedAsOomKilled() {
        ExitStatus exit = fixture.run(fixture.spec("oom", "exec dd if=/dev/zero of=/dev/null bs=96M count=1")
            .resources(Resources.NONE.withMemoryLimit(32L << 20)).build());
        assertEquals(137, exit.code());
        assertEquals(ExitStatus.Reason.OOM_KILLED, exit.reason());
        assertEquals("OOMKilled", exit.reason().kubernetesName());
    }

    @Test
    void exitCodesAreCompletedOrError() {
        assertEquals(ExitStatus.Reason.COMPLETED, fixture.run(fixture.spec("ok", "exit 0").build()).reason());
        ExitStatus failed = fixture.run(fixture.spec("failed", "exit 3").build());
        assertEquals(3, failed.code());
        assertEquals(ExitStatus.Reason.ERROR, failed.reason());
    }
}
