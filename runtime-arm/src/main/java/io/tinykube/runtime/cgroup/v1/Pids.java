package io.tinykube.runtime.cgroup.v1;

import io.tinykube.runtime.cgroup.CgroupFiles;
import io.tinykube.runtime.cgroup.CgroupStats;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Path;

/** v1 pids controller (the same files as v2's). */
final class Pids {

    private Pids() {
    }

    static void apply(Path cgroup, Resources resources) {
        Long limit = resources.pidsLimit();
        if (limit != null) {
            CgroupFiles.write(cgroup.resolve("pids.max"), limit == Resources.UNLIMITED ? "max" : Long.toString(limit));
        }
    }

    static CgroupStats.Pids stats(Path cgroup) {
        return new CgroupStats.Pids(CgroupFiles.readLong(cgroup.resolve("pids.current")),
                CgroupFiles.readLimit(cgroup.resolve("pids.max")));
    }
}
