package io.tinykube.runtime.cgroup.v1;

import io.tinykube.runtime.cgroup.CgroupFiles;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Path;

/** v1 cpuset controller. */
final class Cpuset {

    private Cpuset() {
    }

    /**
     * A new v1 cpuset starts with no CPUs and no memory nodes, and the kernel refuses tasks into it: copy the
     * parent's.
     */
    static void inheritFromParent(Path cgroup) {
        for (String file : new String[] {"cpuset.cpus", "cpuset.mems"}) {
            if (CgroupFiles.read(cgroup.resolve(file)).isEmpty()) {
                CgroupFiles.write(cgroup.resolve(file), CgroupFiles.read(cgroup.getParent().resolve(file)));
            }
        }
    }

    static void apply(Path cgroup, Resources resources) {
        if (resources.cpusetCpus() != null) {
            CgroupFiles.write(cgroup.resolve("cpuset.cpus"), resources.cpusetCpus());
        }
        if (resources.cpusetMems() != null) {
            CgroupFiles.write(cgroup.resolve("cpuset.mems"), resources.cpusetMems());
        }
    }
}
