package io.tinykube.runtime.cgroup.v2;

import io.tinykube.runtime.cgroup.CgroupFiles;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Path;

/** v2 cpuset controller: unlike v1, an empty cpuset.cpus means "the parent's", so nothing to copy. */
final class Cpuset {

    private Cpuset() {
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
