package io.tinykube.runtime.cgroup.v1;

import static io.tinykube.runtime.cgroup.v1.HostV1Cgroups.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.QosClass;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class V1LimitsTest {

    private static final long MIB = 1024 * 1024;

    private final HostV1Cgroups host = new HostV1Cgroups();

    @AfterEach
    void cleanUp() throws Exception {
        host.close();
    }

    @Test
    void aContainerCgroupIsCreatedInEveryHierarchyUnderItsPodAndQosClass() {
        String pod = host.layout.podPath(QosClass.BURSTABLE, "1234-abcd");
        String container = host.layout.containerPath(pod, "c0ffee");
        host.manager(container).create();

        assertEquals(host.layout.root() + "/burstable/pod1234-abcd/c0ffee", container);
        Set<String> mounted = host.hierarchy.v1Mounts().keySet();
        assertTrue(mounted.containsAll(Set.of("memory", "cpu", "cpuacct", "cpuset", "pids", "freezer")), mounted.toString());
        for (Path directory : host.directories(container)) {
            assertTrue(Files.isDirectory(directory), directory + " was not created");
        }
    }

    @Test
    void kubernetesLimitsAreWrittenWithSwapHeldOff() throws Exception {
        String container = host.layout.containerPath(host.layout.podPath(QosClass.BURSTABLE, "p1"), "c1");
        CgroupManager manager = host.manager(container);
        manager.create();

        manager.apply(Resources.kubernetes(250, 500L, 64 * MIB, 100L).withCpuset("0", "0"));

        Path memory = host.directory("memory", container);
        assertEquals(Long.toString(64 * MIB), read(memory.resolve("memory.limit_in_bytes")));
        if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
            assertEquals(Long.toString(64 * MIB), read(memory.resolve("memory.memsw.limit_in_bytes")));
        }
        Path cpu = host.directory("cpu", container);
        assertEquals("256", read(cpu.resolve("cpu.shares")));
        assertEquals("100000", read(cpu.resolve("cpu.cfs_period_us")));
        assertEquals("50000", read(cpu.resolve("cpu.cfs_quota_us")));
        assertEquals("100", read(host.directory("pids", container).resolve("pids.max")));
        assertEquals("0", read(host.directory("cpuset", container).resolve("cpuset.cpus")));
    }

    @Test
    void memoryLimitsCanBeRaisedLoweredAndLifted() throws Exception {
        String pod = host.layout.podPath(QosClass.GUARANTEED, "p2");
        CgroupManager manager = host.manager(pod);
        manager.create();
        Path limit = host.directory("memory", pod).resolve("memory.limit_in_bytes");

        manager.apply(Resources.NONE.withMemoryLimit(32 * MIB));
        manager.apply(Resources.NONE.withMemoryLimit(128 * MIB));
        assertEquals(Long.toString(128 * MIB), read(limit));
        manager.apply(Resources.NONE.withMemoryLimit(16 * MIB));
        assertEquals(Long.toString(16 * MIB), read(limit));
        manager.apply(Resources.NONE.withMemoryLimit(Resources.UNLIMITED));

        assertTrue(manager.stats().memory().limitBytes().isEmpty(), "limit should read as unlimited");
    }

    @Test
    void liftingTheCpuQuotaAndPidsLimitWritesTheKernelsUnlimitedValues() throws Exception {
        String pod = host.layout.podPath(QosClass.BEST_EFFORT, "p3");
        CgroupManager manager = host.manager(pod);
        manager.create();
        manager.apply(Resources.kubernetes(100, 200L, null, 10L));

        manager.apply(Resources.kubernetes(0, null, null, Resources.UNLIMITED));

        assertEquals("-1", read(host.directory("cpu", pod).resolve("cpu.cfs_quota_us")));
        assertEquals("2", read(host.directory("cpu", pod).resolve("cpu.shares")));
        assertEquals("max", read(host.directory("pids", pod).resolve("pids.max")));
    }
}
