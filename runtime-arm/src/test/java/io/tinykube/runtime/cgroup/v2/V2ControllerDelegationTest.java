package io.tinykube.runtime.cgroup.v2;

import static io.tinykube.runtime.cgroup.FakeCgroup2Tree.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.CgroupException;
import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.FakeCgroup2Tree;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class V2ControllerDelegationTest {

    private static final String CONTAINER = "kubepods/burstable/podu1/c1";

    @TempDir
    Path hostRoot;

    @Test
    void everyAncestorPassesTheWantedControllersDown() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, "cpuset cpu io memory hugetlb pids");
        tree.cgroup(CONTAINER, "cpuset cpu memory pids");

        tree.hierarchy().manager(CONTAINER).create();

        for (String ancestor : new String[] {"", "kubepods", "kubepods/burstable", "kubepods/burstable/podu1"}) {
            assertEquals("+cpuset +cpu +memory +pids", read(tree.mount.resolve(ancestor).resolve("cgroup.subtree_control")),
                    "subtree_control of '" + ancestor + "'");
        }
        assertEquals("", read(tree.mount.resolve(CONTAINER).resolve("cgroup.subtree_control")),
                "a leaf keeps its controllers: it will hold the processes");
    }

    @Test
    void onlyControllersTheRootHasAreEnabledAndEnabledOnesAreNotWrittenAgain() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, "cpu io pids");
        tree.cgroup(CONTAINER, "cpu pids");
        FakeCgroup2Tree.write(tree.mount.resolve("cgroup.subtree_control"), "cpu io\n");

        tree.hierarchy().manager(CONTAINER).create();

        assertEquals("+pids", read(tree.mount.resolve("cgroup.subtree_control")));
        assertEquals("+cpu +pids", read(tree.mount.resolve("kubepods/cgroup.subtree_control")));
    }

    @Test
    void processesGoIntoTheLeafOnly() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, "cpu memory pids");
        tree.cgroup(CONTAINER, "cpu memory pids");
        CgroupManager container = tree.hierarchy().manager(CONTAINER);
        container.create();

        container.addProcess(4242);

        assertEquals("4242", read(tree.mount.resolve(CONTAINER).resolve("cgroup.procs")));
        CgroupException error = assertThrows(CgroupException.class,
                () -> tree.hierarchy().manager("kubepods/burstable/podu1").addProcess(4243));
        assertTrue(error.getMessage().contains("only leaf cgroups may hold processes"), error.getMessage());
    }
}
