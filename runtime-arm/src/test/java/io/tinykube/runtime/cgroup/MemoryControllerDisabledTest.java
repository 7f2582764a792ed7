package io.tinykube.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raspberry Pi OS boots with the memory controller off unless the kernel command line turns it on. */
class MemoryControllerDisabledTest {

    private static final String ADVICE = "the memory cgroup controller is not enabled: add"
            + " \"cgroup_memory=1 cgroup_enable=memory\" to the kernel command line (%s) and reboot";

    @TempDir
    Path hostRoot;

    private CgroupManager raspberryPiPod() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(hostRoot, "cpuset cpu io pids");
        tree.cgroup("kubepods/podu1", "cpuset cpu pids");
        CgroupManager pod = tree.hierarchy().manager("kubepods/podu1");
        pod.create();
        return pod;
    }

    @Test
    void bookwormIsToldToEditTheFirmwareCmdline() {
        FakeCgroup2Tree.write(hostRoot.resolve("boot/firmware/cmdline.txt"), "console=tty1 root=PARTUUID=1\n");
        FakeCgroup2Tree.write(hostRoot.resolve("boot/cmdline.txt"), "moved to /boot/firmware/cmdline.txt\n");
        CgroupManager pod = raspberryPiPod();

        CgroupException error = assertThrows(MemoryControllerDisabledException.class,
                () -> pod.apply(Resources.kubernetes(100, null, 64L << 20, null)));

        assertEquals(String.format(ADVICE, "/boot/firmware/cmdline.txt"), error.getMessage());
    }

    @Test
    void olderSystemsAreToldToEditBootCmdline() {
        FakeCgroup2Tree.write(hostRoot.resolve("boot/cmdline.txt"), "console=tty1\n");
        CgroupManager pod = raspberryPiPod();

        CgroupException error = assertThrows(MemoryControllerDisabledException.class,
                () -> pod.apply(Resources.NONE.withMemoryLimit(1L << 20)));

        assertEquals(String.format(ADVICE, "/boot/cmdline.txt"), error.getMessage());
    }

    @Test
    void withNeitherFileBothAreNamed() {
        CgroupManager pod = raspberryPiPod();

        CgroupException error = assertThrows(MemoryControllerDisabledException.class,
                () -> pod.apply(Resources.NONE.withMemoryLimit(1L << 20)));

        assertEquals(String.format(ADVICE, "/boot/firmware/cmdline.txt, or /boot/cmdline.txt on older systems"),
                error.getMessage());
    }

    @Test
    void cpuAndPidsLimitsStillApplyWithoutTheMemoryController() {
        CgroupManager pod = raspberryPiPod();

        pod.apply(Resources.kubernetes(500, 1000L, null, 64L).withMemoryLimit(null));

        Path cgroup = hostRoot.resolve("sys/fs/cgroup/kubepods/podu1");
        assertEquals("100000 100000", FakeCgroup2Tree.read(cgroup.resolve("cpu.max")));
        assertEquals("64", FakeCgroup2Tree.read(cgroup.resolve("pids.max")));
    }

    @Test
    void aV1KernelWithMemoryDisabledInProcCgroupsGivesTheSameAdvice() {
        String procCgroups = HierarchyDetectionTest.PROC_CGROUPS.replace("memory\t4\t58\t1", "memory\t0\t1\t0");
        String mountinfo = HierarchyDetectionTest.LEGACY_MOUNTINFO.lines()
                .filter(line -> !line.contains("/memory ")).reduce("", (a, b) -> a + b + "\n");
        CgroupHierarchy hierarchy = CgroupHierarchy.parse(hostRoot, mountinfo, procCgroups);

        assertFalse(hierarchy.memoryControllerEnabled());
        CgroupException error = assertThrows(MemoryControllerDisabledException.class,
                () -> hierarchy.manager("kubepods/podu1").apply(Resources.NONE.withMemoryLimit(1L << 20)));
        assertEquals(String.format(ADVICE, "/boot/firmware/cmdline.txt, or /boot/cmdline.txt on older systems"),
                error.getMessage());
        assertThrows(MemoryControllerDisabledException.class, hierarchy::requireMemoryController);
    }
}
