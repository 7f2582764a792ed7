package io.tinykube.runtime.cgroup.v1;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.QosClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class V1RemovalTest {

    private final HostV1Cgroups host = new HostV1Cgroups();

    @AfterEach
    void cleanUp() throws Exception {
        host.close();
    }

    @Test
    void killingAPodsProcessesThenRemovingItLeavesNoDirectoryInAnyHierarchy() throws Exception {
        String pod = host.layout.podPath(QosClass.BURSTABLE, "r1");
        CgroupManager container = host.manager(host.layout.containerPath(pod, "c1"));
        container.create();
        Process shell = host.startWaiting("/bin/busybox sleep 30 & /bin/busybox sleep 30 & wait");
        container.addProcess(shell.pid());
        HostV1Cgroups.release(shell);
        V1ProcessMembershipTest.waitForPids(container, 3);

        CgroupManager podCgroup = host.manager(pod);
        podCgroup.killAll();
        podCgroup.remove();

        assertTrue(shell.waitFor(5, TimeUnit.SECONDS), "the container's shell was killed");
        assertFalse(podCgroup.exists());
        for (Path directory : host.directories(pod)) {
            assertFalse(Files.exists(directory), directory + " left behind");
        }
    }

    @Test
    void removingACgroupThatIsGoneIsNotAnError() {
        CgroupManager manager = host.manager(host.layout.podPath(QosClass.BEST_EFFORT, "never-created"));

        manager.remove();

        assertFalse(manager.exists());
    }
}
