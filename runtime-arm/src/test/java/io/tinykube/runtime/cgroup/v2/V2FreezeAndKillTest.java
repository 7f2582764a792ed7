package io.tinykube.runtime.cgroup.v2;

import static io.tinykube.runtime.cgroup.FakeCgroup2Tree.read;
import static io.tinykube.runtime.cgroup.FakeCgroup2Tree.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.FakeCgroup2Tree;
import io.tinykube.runtime.cgroup.FreezerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class V2FreezeAndKillTest {

    private static final String POD = "kubepods/podu1";

    @TempDir
    Path hostRoot;

    private final List<Long> killed = new ArrayList<>();

    @Test
    void freezingWritesCgroupFreezeAndWaitsForTheFrozenEvent() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, "cpu");
        Path cgroup = tree.cgroup(POD, "cpu");
        CgroupManager pod = tree.hierarchy().manager(POD);
        // The kernel would raise "frozen 1" once every task stopped; the fake has it ready.
        write(cgroup.resolve("cgroup.events"), "populated 1\nfrozen 1\n");

        pod.freeze();

        assertEquals("1", read(cgroup.resolve("cgroup.freeze")));
        assertEquals(FreezerState.FROZEN, pod.freezerState());
        write(cgroup.resolve("cgroup.events"), "populated 1\nfrozen 0\n");
        assertEquals(FreezerState.FREEZING, pod.freezerState(), "requested, not yet reached");
        pod.thaw();
        assertEquals("0", read(cgroup.resolve("cgroup.freeze")));
        assertEquals(FreezerState.THAWED, pod.freezerState());
    }

    @Test
    void killAllUsesCgroupKillWhenTheKernelHasIt() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, "cpu");
        Path cgroup = tree.cgroup(POD, "cpu");
        write(cgroup.resolve("cgroup.kill"), "");
        write(cgroup.resolve("cgroup.procs"), "101\n");

        tree.hierarchy().manager(POD, killed::add).killAll();

        assertEquals("1", read(cgroup.resolve("cgroup.kill")));
        assertEquals(List.of(), killed, "the kernel does the killing");
    }

    @Test
    void olderKernelsKillEveryProcessOfTheSubtreeWhileFrozen() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, "cpu");
        Path pod = tree.cgroup(POD, "cpu");
        Path container = tree.cgroup(POD + "/c1", "cpu");
        write(pod.resolve("cgroup.events"), "populated 1\nfrozen 1\n");
        write(container.resolve("cgroup.procs"), "201\n202\n");

        tree.hierarchy().manager(POD, killed::add).killAll();

        assertEquals(List.of(201L, 202L), killed);
        assertEquals("0", read(pod.resolve("cgroup.freeze")), "thawed so the SIGKILLs are delivered");
    }
}
