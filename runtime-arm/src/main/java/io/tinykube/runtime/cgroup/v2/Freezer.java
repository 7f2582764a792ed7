package io.tinykube.runtime.cgroup.v2;

import io.tinykube.runtime.cgroup.CgroupException;
import io.tinykube.runtime.cgroup.CgroupFiles;
import io.tinykube.runtime.cgroup.FreezerState;
import java.nio.file.Path;

/** v2 freezer, part of the core (no controller to enable): cgroup.freeze, confirmed by cgroup.events. */
final class Freezer {

    private static final long FREEZE_TIMEOUT_MILLIS = 5_000;

    private Freezer() {
    }

    static void freeze(Path cgroup) {
        CgroupFiles.write(cgroup.resolve("cgroup.freeze"), "1");
        long deadline = System.currentTimeMillis() + FREEZE_TIMEOUT_MILLIS;
        while (state(cgroup) != FreezerState.FROZEN) {
            if (System.currentTimeMillis() > deadline) {
                thaw(cgroup);
                throw new CgroupException("cgroup " + cgroup + " did not freeze within " + FREEZE_TIMEOUT_MILLIS + " ms");
            }
            CgroupFiles.sleep(1);
        }
    }

    static void thaw(Path cgroup) {
        CgroupFiles.write(cgroup.resolve("cgroup.freeze"), "0");
    }

    static FreezerState state(Path cgroup) {
        boolean requested = CgroupFiles.read(cgroup.resolve("cgroup.freeze")).equals("1");
        boolean frozen = CgroupFiles.readKeyed(cgroup.resolve("cgroup.events")).getOrDefault("frozen", 0L) == 1;
        if (frozen) {
            return FreezerState.FROZEN;
        }
        return requested ? FreezerState.FREEZING : FreezerState.THAWED;
    }
}
