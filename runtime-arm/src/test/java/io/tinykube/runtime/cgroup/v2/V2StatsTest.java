package io.tinykube.runtime.cgroup.v2;

import static io.tinykube.runtime.cgroup.FakeCgroup2Tree.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.CgroupStats;
import io.tinykube.runtime.cgroup.FakeCgroup2Tree;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class V2StatsTest {

    private static final String CONTAINER = "kubepods/podu1/c1";

    @TempDir
    Path hostRoot;

    @Test
    void countersAreReadInKubeletsUnits() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, "cpu memory pids");
        Path cgroup = tree.cgroup(CONTAINER, "cpu memory pids");
        write(cgroup.resolve("cpu.stat"), """
                usage_usec 1500
                user_usec 1000
                system_usec 500
                core_sched.force_idle_usec 0
                nr_periods 40
                nr_throttled 3
                throttled_usec 2500
                nr_bursts 0
                burst_usec 0
                """);
        write(cgroup.resolve("memory.current"), "10000000\n");
        write(cgroup.resolve("memory.stat"), "anon 5000000\nfile 4500000\nkernel 300000\ninactive_file 4000000\n"
                + "active_file 500000\n");
        write(cgroup.resolve("memory.events"), "low 0\nhigh 0\nmax 17\noom 2\noom_kill 2\noom_group_kill 0\n");
        write(cgroup.resolve("memory.max"), "67108864\n");
        write(cgroup.resolve("pids.current"), "3\n");
        write(cgroup.resolve("pids.max"), "max\n");

        CgroupStats stats = tree.hierarchy().manager(CONTAINER).stats();

        assertEquals(new CgroupStats.Cpu(1_500_000, 1_000_000, 500_000, 40, 3, 2_500_000), stats.cpu());
        assertEquals(10_000_000, stats.memory().usageBytes());
        assertEquals(6_000_000, stats.memory().workingSetBytes(), "usage - inactive_file");
        assertEquals(5_000_000, stats.memory().rssBytes());
        assertEquals(4_500_000, stats.memory().cacheBytes());
        assertEquals(67_108_864, stats.memory().limitBytes().orElseThrow());
        assertEquals(2, stats.memory().oomKills());
        assertEquals(3, stats.pids().current());
        assertTrue(stats.pids().limit().isEmpty());
    }

    @Test
    void withoutMemoryAndPidsControllersCpuIsStillReportedAndProcessesCounted() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, "");
        Path cgroup = tree.cgroup(CONTAINER, "");
        write(cgroup.resolve("cpu.stat"), "usage_usec 7\nuser_usec 4\nsystem_usec 3\n");
        write(cgroup.resolve("cgroup.procs"), "11\n12\n");

        CgroupStats stats = tree.hierarchy().manager(CONTAINER).stats();

        assertEquals(7_000, stats.cpu().usageNanos());
        assertEquals(0, stats.cpu().throttledPeriods());
        assertEquals(0, stats.memory().usageBytes());
        assertEquals(2, stats.pids().current());
    }

    @Test
    void workingSetNeverGoesBelowZero() {
        assertEquals(0, CgroupStats.Memory.workingSet(100, 250));
    }
}
