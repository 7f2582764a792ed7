package io.tinykube.runtime.cgroup.v1;

import io.tinykube.runtime.cgroup.CgroupFiles;
import java.nio.file.Path;

/** v1 cpuacct controller: CPU time in nanoseconds, total and split into user and system. */
final class CpuAcct {

    private CpuAcct() {
    }

    /** [usage ns, user ns, system ns] */
    static long[] usage(Path cgroup) {
        return new long[] {
            CgroupFiles.readLong(cgroup.resolve("cpuacct.usage")),
            CgroupFiles.readLong(cgroup.resolve("cpuacct.usage_user")),
            CgroupFiles.readLong(cgroup.resolve("cpuacct.usage_sys"))
        };
    }
}
