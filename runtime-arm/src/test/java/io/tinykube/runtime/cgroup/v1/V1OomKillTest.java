package io.tinykube.runtime.cgroup.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.QosClass;
import io.tinykube.runtime.cgroup.Resources;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class V1OomKillTest {

    private final HostV1Cgroups host = new HostV1Cgroups();

    @AfterEach
    void cleanUp() throws Exception {
        host.close();
    }

    @Test
    void aProcessAllocatingPastTheLimitIsKilledAndCounted() throws Exception {
        String pod = host.layout.podPath(QosClass.BURSTABLE, "oom");
        CgroupManager container = host.manager(host.layout.containerPath(pod, "c1"));
        container.create();
        container.apply(Resources.NONE.withMemoryLimit(16L * 1024 * 1024));
        // The shell keeps the command's 64 MB output in memory: four times the limit.
        Process hog = host.startWaiting(
                "x=$(/bin/busybox head -c 64000000 /dev/zero | /bin/busybox tr '\\0' a); echo survived");

        container.addProcess(hog.pid());
        HostV1Cgroups.release(hog);

        assertTrue(hog.waitFor(60, TimeUnit.SECONDS), "the allocating process should have been killed");
        assertEquals(137, hog.exitValue(), "SIGKILL from the OOM killer");
        assertTrue(container.stats().memory().oomKills() >= 1, container.stats().memory().toString());
        assertTrue(host.manager(pod).stats().memory().oomKills() >= 1, "a pod counts its containers' OOM kills");
    }
}
