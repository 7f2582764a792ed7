package io.tinykube.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.v1.V1Manager;
import io.tinykube.runtime.cgroup.v2.V2Manager;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HierarchyDetectionTest {

    /** This CI machine: v1 controllers each in their own hierarchy, an empty cgroup2 at /sys/fs/cgroup/unified. */
    static final String HYBRID_MOUNTINFO = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
            37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
            38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    static final String PROC_CGROUPS = """
            #subsys_name	hierarchy	num_cgroups	enabled
            cpuset	3	1	1
            cpu	1	1	1
            cpuacct	2	1	1
            blkio	7	1	1
            memory	4	58	1
            devices	5	1	1
            freezer	6	1	1
            net_cls	0	1	1
            pids	8	1	1
            """;

    /** Older distributions (Debian buster, Raspberry Pi OS bullseye with systemd.unified_cgroup_hierarchy=0). */
    static final String LEGACY_MOUNTINFO = """
            25 18 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
            27 25 0:24 / /sys/fs/cgroup/systemd rw,nosuid shared:10 - cgroup cgroup rw,xattr,name=systemd
            30 25 0:27 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:13 - cgroup cgroup rw,cpu,cpuacct
            31 25 0:28 / /sys/fs/cgroup/memory rw,nosuid shared:14 - cgroup cgroup rw,memory
            32 25 0:29 / /sys/fs/cgroup/pids rw,nosuid shared:15 - cgroup cgroup rw,pids
            33 25 0:30 / /sys/fs/cgroup/freezer rw,nosuid shared:16 - cgroup cgroup rw,freezer
            """;

    @TempDir
    Path hostRoot;

    @Test
    void cgroup2AtTheStandardPlaceIsUnifiedWithTheRootsControllers() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, "cpuset cpu io memory hugetlb pids rdma misc");

        CgroupHierarchy hierarchy = tree.hierarchy();

        assertEquals(CgroupMode.UNIFIED, hierarchy.mode());
        assertEquals(hostRoot.resolve("sys/fs/cgroup"), hierarchy.unifiedMount());
        assertTrue(hierarchy.v1Mounts().isEmpty());
        assertTrue(hierarchy.enabledControllers().containsAll(Set.of("cpu", "memory", "pids", "cpuset")));
        assertInstanceOf(V2Manager.class, hierarchy.manager("kubepods"));
    }

    @Test
    void v1HierarchiesAloneAreLegacyWithCoMountedControllersSharingADirectory() {
        CgroupHierarchy hierarchy = CgroupHierarchy.parse(hostRoot, LEGACY_MOUNTINFO, PROC_CGROUPS);

        assertEquals(CgroupMode.LEGACY, hierarchy.mode());
        assertNull(hierarchy.unifiedMount());
        assertEquals(hostRoot.resolve("sys/fs/cgroup/cpu,cpuacct"), hierarchy.v1Mounts().get("cpu"));
        assertEquals(hierarchy.v1Mounts().get("cpu"), hierarchy.v1Mounts().get("cpuacct"));
        assertEquals(Set.of("cpu", "cpuacct", "memory", "pids", "freezer"), hierarchy.v1Mounts().keySet());
        assertFalse(hierarchy.v1Mounts().containsKey("name=systemd"));
    }

    @Test
    void v1ControllersWithAnEmptyCgroup2BesideThemAreHybridAndDrivenAsV1() {
        CgroupHierarchy hierarchy = CgroupHierarchy.parse(hostRoot, HYBRID_MOUNTINFO, PROC_CGROUPS);

        assertEquals(CgroupMode.HYBRID, hierarchy.mode());
        assertEquals(hostRoot.resolve("sys/fs/cgroup/unified"), hierarchy.unifiedMount());
        assertEquals(hostRoot.resolve("sys/fs/cgroup/memory"), hierarchy.v1Mounts().get("memory"));
        assertEquals(8, hierarchy.v1Mounts().size());
        assertTrue(hierarchy.memoryControllerEnabled());
        assertInstanceOf(V1Manager.class, hierarchy.manager("kubepods"));
    }

    @Test
    void thisHostIsDetectedFromProc() {
        CgroupHierarchy hierarchy = CgroupHierarchy.detect();

        assertEquals(Path.of("/"), hierarchy.hostRoot());
        if (System.getenv("CI") != null) {
            assertEquals(CgroupMode.HYBRID, hierarchy.mode(), "CI runs on the hybrid layout");
            assertTrue(hierarchy.memoryControllerEnabled());
        }
        assertFalse(hierarchy.enabledControllers().isEmpty());
    }

    @Test
    void escapedMountPointsAreDecoded() {
        String mountinfo = "41 31 0:38 / /mnt/my\\040cgroup rw,relatime - cgroup2 cgroup2 rw\n";

        CgroupHierarchy hierarchy = CgroupHierarchy.parse(hostRoot, mountinfo, "");

        assertEquals(CgroupMode.UNIFIED, hierarchy.mode());
        assertEquals(hostRoot.resolve("mnt/my cgroup"), hierarchy.unifiedMount());
    }

    @Test
    void noCgroupMountIsAnError() {
        String mountinfo = "22 1 0:21 / /proc rw,nosuid - proc proc rw\n";

        CgroupException error = assertThrows(CgroupException.class,
                () -> CgroupHierarchy.parse(hostRoot, mountinfo, PROC_CGROUPS));

        assertTrue(error.getMessage().contains("no cgroup filesystem"), error.getMessage());
    }

    @Test
    void cgroupPathsMustStayInsideTheHierarchy() {
        CgroupHierarchy hierarchy = CgroupHierarchy.parse(hostRoot, HYBRID_MOUNTINFO, PROC_CGROUPS);

        assertThrows(IllegalArgumentException.class, () -> hierarchy.manager("kubepods/../../etc"));
        assertThrows(IllegalArgumentException.class, () -> hierarchy.manager("/kubepods"));
        assertThrows(IllegalArgumentException.class, () -> hierarchy.manager(""));
    }
}
