package io.tinykube.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CgroupLayoutTest {

    @Test
    void podsSitUnderTheirQosClassAsKubeletPutsThem() {
        CgroupLayout layout = CgroupLayout.KUBEPODS;

        assertEquals("kubepods/podu1", layout.podPath(QosClass.GUARANTEED, "u1"));
        assertEquals("kubepods/burstable/podu2", layout.podPath(QosClass.BURSTABLE, "u2"));
        assertEquals("kubepods/besteffort/podu3", layout.podPath(QosClass.BEST_EFFORT, "u3"));
        assertEquals("kubepods/burstable/podu2/abc", layout.containerPath("kubepods/burstable/podu2", "abc"));
    }

    @Test
    void namesThatWouldLeaveTheTreeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CgroupLayout.KUBEPODS.containerPath("kubepods/podu", ".."));
        assertThrows(IllegalArgumentException.class, () -> CgroupLayout.KUBEPODS.podPath(QosClass.BURSTABLE, "a/b"));
        assertThrows(IllegalArgumentException.class, () -> new CgroupLayout("/sys/fs/cgroup"));
        assertThrows(IllegalArgumentException.class, () -> new CgroupLayout("a/../b"));
    }
}
