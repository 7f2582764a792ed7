package io.tinykube.runtime.cgroup.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.FreezerState;
import io.tinykube.runtime.cgroup.QosClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class V1FreezerTest {

    private final HostV1Cgroups host = new HostV1Cgroups();

    @AfterEach
    void cleanUp() throws Exception {
        host.close();
    }

    @Test
    void aFrozenCgroupStopsItsProcessesUntilThawed() throws Exception {
        String container = host.layout.containerPath(host.layout.podPath(QosClass.BURSTABLE, "f1"), "c1");
        CgroupManager manager = host.manager(container);
        manager.create();
        Process sleeper = host.startWaiting("exec /bin/busybox sleep 30");
        manager.addProcess(sleeper.pid());

        manager.freeze();

        assertEquals(FreezerState.FROZEN, manager.freezerState());
        assertEquals("FROZEN", HostV1Cgroups.read(host.directory("freezer", container).resolve("freezer.state")));
        manager.thaw();
        assertEquals(FreezerState.THAWED, manager.freezerState());
        assertTrue(sleeper.isAlive());
    }

    @Test
    void freezingAPodFreezesItsContainers() throws Exception {
        String pod = host.layout.podPath(QosClass.BURSTABLE, "f2");
        CgroupManager container = host.manager(host.layout.containerPath(pod, "c1"));
        container.create();
        container.addProcess(host.startWaiting("exec /bin/busybox sleep 30").pid());

        host.manager(pod).freeze();

        assertEquals(FreezerState.FROZEN, container.freezerState());
        host.manager(pod).thaw();
        assertEquals(FreezerState.THAWED, container.freezerState());
    }
}
