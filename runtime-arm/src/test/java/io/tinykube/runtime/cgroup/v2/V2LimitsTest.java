package io.tinykube.runtime.cgroup.v2;

import static io.tinykube.runtime.cgroup.FakeCgroup2Tree.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.CgroupException;
import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.FakeCgroup2Tree;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class V2LimitsTest {

    private static final String POD = "kubepods/burstable/podu1";

    @TempDir
    Path hostRoot;

    private Path cgroup;

    private CgroupManager pod(String controllers) {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, controllers);
        cgroup = tree.cgroup(POD, controllers);
        CgroupManager pod = tree.hierarchy().manager(POD);
        pod.create();
        return pod;
    }

    @Test
    void kubernetesLimitsBecomeMemoryMaxCpuMaxWeightAndPidsMax() {
        CgroupManager pod = pod("cpuset cpu memory pids");

        pod.apply(Resources.kubernetes(250, 500L, 64L << 20, 100L).withCpuset("0-1", "0"));

        assertEquals(Long.toString(64L << 20), read(cgroup.resolve("memory.max")));
        assertEquals("0", read(cgroup.resolve("memory.swap.max")), "swap off");
        assertEquals("50000 100000", read(cgroup.resolve("cpu.max")));
        assertEquals("10", read(cgroup.resolve("cpu.weight")), "256 shares in v2 weight");
        assertEquals("100", read(cgroup.resolve("pids.max")));
        assertEquals("0-1", read(cgroup.resolve("cpuset.cpus")));
        assertEquals("0", read(cgroup.resolve("cpuset.mems")));
    }

    @Test
    void unlimitedIsWrittenAsMax() {
        CgroupManager pod = pod("cpu memory pids");
        pod.apply(Resources.kubernetes(250, 500L, 64L << 20, 100L));

        pod.apply(Resources.kubernetes(0, null, null, Resources.UNLIMITED));

        assertEquals("max", read(cgroup.resolve("memory.max")));
        assertEquals("max", read(cgroup.resolve("memory.swap.max")));
        assertEquals("max 100000", read(cgroup.resolve("cpu.max")));
        assertEquals("1", read(cgroup.resolve("cpu.weight")));
        assertEquals("max", read(cgroup.resolve("pids.max")));
    }

    @Test
    void aPeriodAloneKeepsTheQuotaAndNothingUnsetIsWritten() {
        CgroupManager pod = pod("cpu memory pids");
        pod.apply(Resources.NONE.withCpuQuota(20_000L, 100_000L));

        pod.apply(Resources.NONE.withCpuQuota(null, 50_000L));

        assertEquals("20000 50000", read(cgroup.resolve("cpu.max")));
        assertEquals("max", read(cgroup.resolve("memory.max")));
        assertEquals("100", read(cgroup.resolve("cpu.weight")));
    }

    @Test
    void withoutSwapAccountingOnlyMemoryMaxIsWritten() throws Exception {
        CgroupManager pod = pod("memory");
        Files.delete(cgroup.resolve("memory.swap.max"));

        pod.apply(Resources.NONE.withMemoryLimit(1L << 30));

        assertEquals(Long.toString(1L << 30), read(cgroup.resolve("memory.max")));
    }

    @Test
    void aControllerTheParentDidNotDelegateIsReported() {
        CgroupManager pod = pod("memory pids");

        CgroupException error = assertThrows(CgroupException.class,
                () -> pod.apply(Resources.NONE.withCpuShares(1024L)));

        assertTrue(error.getMessage().contains("the cpu cgroup controller is not enabled"), error.getMessage());
    }
}
