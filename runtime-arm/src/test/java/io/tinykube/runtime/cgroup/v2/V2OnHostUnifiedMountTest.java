package io.tinykube.runtime.cgroup.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.CgroupHierarchy;
import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.CgroupMode;
import io.tinykube.runtime.cgroup.CgroupStats;
import io.tinykube.runtime.cgroup.FreezerState;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The v2 driver on the host's real cgroup2 mount. In CI that is the hybrid layout's /sys/fs/cgroup/unified
 * with no controllers: the core (membership, freezing, cgroup.kill, cpu.stat, removal) still works there.
 */
class V2OnHostUnifiedMountTest {

    private final CgroupHierarchy host = CgroupHierarchy.detect();
    private final CgroupHierarchy unified = new CgroupHierarchy(CgroupMode.UNIFIED, Path.of("/"), Map.of(),
            host.unifiedMount(), Set.of());
    private final String root = "tinykube-test-" + UUID.randomUUID().toString().substring(0, 8);
    private Process sleeper;

    @AfterEach
    void cleanUp() throws Exception {
        if (sleeper != null) {
            sleeper.destroyForcibly();
            sleeper.waitFor(5, TimeUnit.SECONDS);
        }
        CgroupManager manager = unified.manager(root);
        if (manager.exists()) {
            manager.killAll();
            manager.remove();
        }
    }

    @Test
    void aProcessIsMovedFrozenCountedKilledAndItsCgroupRemoved() throws Exception {
        assertTrue(host.unifiedMount() != null && Files.isDirectory(host.unifiedMount()), "no cgroup2 mount on this host");
        CgroupManager container = unified.manager(root + "/podu1/c1");
        container.create();
        sleeper = new ProcessBuilder("/bin/busybox", "sleep", "30").start();

        container.addProcess(sleeper.pid());

        assertTrue(Files.readString(Path.of("/proc", Long.toString(sleeper.pid()), "cgroup"))
                .contains("0::/" + root + "/podu1/c1\n"));
        CgroupManager pod = unified.manager(root + "/podu1");
        assertEquals(List.of(sleeper.pid()), pod.pids());
        container.apply(Resources.NONE);
        CgroupStats stats = container.stats();
        assertEquals(1, stats.pids().current());
        assertTrue(stats.cpu().usageNanos() >= 0);

        pod.freeze();
        assertEquals(FreezerState.FROZEN, container.freezerState(), "a frozen parent freezes its children");
        pod.thaw();
        assertEquals(FreezerState.THAWED, pod.freezerState());

        pod.killAll();
        assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS), "killed");
        unified.manager(root).remove();
        assertFalse(Files.exists(host.unifiedMount().resolve(root)));
    }
}
