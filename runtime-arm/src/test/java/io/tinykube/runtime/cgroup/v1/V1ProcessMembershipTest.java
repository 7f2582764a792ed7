package io.tinykube.runtime.cgroup.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.CgroupStats;
import io.tinykube.runtime.cgroup.QosClass;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class V1ProcessMembershipTest {

    private final HostV1Cgroups host = new HostV1Cgroups();

    @AfterEach
    void cleanUp() throws Exception {
        host.close();
    }

    @Test
    void anAddedProcessAndItsChildrenAreInTheContainerCgroupOfEveryHierarchy() throws Exception {
        String pod = host.layout.podPath(QosClass.BURSTABLE, "m1");
        String container = host.layout.containerPath(pod, "c1");
        CgroupManager containerCgroup = host.manager(container);
        containerCgroup.create();
        Process shell = host.startWaiting("/bin/busybox sleep 30 & wait");

        containerCgroup.addProcess(shell.pid());
        HostV1Cgroups.release(shell);

        Map<String, String> membership = cgroupsOf(shell.pid());
        for (String controller : List.of("memory", "cpu", "cpuacct", "cpuset", "pids", "freezer")) {
            assertEquals("/" + container, membership.get(controller), controller + " membership");
        }
        waitForPids(containerCgroup, 2);
        List<Long> podPids = host.manager(pod).pids();
        assertTrue(podPids.contains(shell.pid()), "a pod lists its containers' processes: " + podPids);
        assertEquals(2, podPids.size(), "the shell and its sleep: " + podPids);
    }

    @Test
    void statsReportUsageLimitsAndTaskCounts() throws Exception {
        String container = host.layout.containerPath(host.layout.podPath(QosClass.GUARANTEED, "s1"), "c1");
        CgroupManager manager = host.manager(container);
        manager.create();
        manager.apply(Resources.kubernetes(500, 500L, 64L * 1024 * 1024, 50L));
        Process busy = host.startWaiting("i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; /bin/busybox sleep 30 & wait");
        manager.addProcess(busy.pid());
        HostV1Cgroups.release(busy);
        waitForPids(manager, 2);

        CgroupStats stats = manager.stats();

        assertTrue(stats.cpu().usageNanos() > 0, "cpu usage: " + stats.cpu());
        assertTrue(stats.cpu().userNanos() + stats.cpu().systemNanos() > 0, stats.cpu().toString());
        assertTrue(stats.memory().usageBytes() > 0, stats.memory().toString());
        assertTrue(stats.memory().workingSetBytes() <= stats.memory().usageBytes(), stats.memory().toString());
        assertEquals(64L * 1024 * 1024, stats.memory().limitBytes().orElseThrow());
        assertEquals(0, stats.memory().oomKills());
        assertEquals(2, stats.pids().current());
        assertEquals(50, stats.pids().limit().orElseThrow());
    }

    /** controller → cgroup path, from /proc/PID/cgroup ("4:memory:/path", "2:cpu,cpuacct:/path"). */
    private static Map<String, String> cgroupsOf(long pid) throws Exception {
        Map<String, String> paths = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
            String[] fields = line.split(":", 3);
            for (String controller : fields[1].split(",")) {
                paths.put(controller, fields[2]);
            }
        }
        return paths;
    }

    /** The shell forks its child after reading the line: wait until the kernel lists it. */
    static void waitForPids(CgroupManager manager, int count) throws InterruptedException {
        for (int i = 0; i < 500 && manager.pids().size() < count; i++) {
            Thread.sleep(10);
        }
        assertEquals(count, manager.pids().size(), "processes in " + manager.path());
    }
}
