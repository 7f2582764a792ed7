package io.tinykube.runtime.cgroup.v1;

import io.tinykube.runtime.cgroup.CgroupException;
import io.tinykube.runtime.cgroup.CgroupFiles;
import io.tinykube.runtime.cgroup.FreezerState;
import java.nio.file.Path;

/** v1 freezer controller: freezer.state goes THAWED → FREEZING → FROZEN. */
final class Freezer {

    private static final long FREEZE_TIMEOUT_MILLIS = 5_000;

    private Freezer() {
    }

    static void freeze(Path cgroup) {
        Path state = cgroup.resolve("freezer.state");
        long deadline = System.currentTimeMillis() + FREEZE_TIMEOUT_MILLIS;
        while (true) {
            // Rewriting FROZEN retries tasks that were busy in the kernel (runc does the same).
            CgroupFiles.write(state, "FROZEN");
            if (state(cgroup) == FreezerState.FROZEN) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                CgroupFiles.write(state, "THAWED");
                throw new CgroupException("cgroup " + cgroup + " did not freeze within " + FREEZE_TIMEOUT_MILLIS + " ms");
            }
            CgroupFiles.sleep(1);
        }
    }

    static void thaw(Path cgroup) {
        CgroupFiles.write(cgroup.resolve("freezer.state"), "THAWED");
    }

    static FreezerState state(Path cgroup) {
        return FreezerState.valueOf(CgroupFiles.read(cgroup.resolve("freezer.state")));
    }
}
