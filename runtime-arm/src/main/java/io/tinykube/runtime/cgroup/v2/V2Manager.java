package io.tinykube.runtime.cgroup.v2;

import io.tinykube.runtime.cgroup.CgroupException;
import io.tinykube.runtime.cgroup.CgroupFiles;
import io.tinykube.runtime.cgroup.CgroupHierarchy;
import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.CgroupStats;
import io.tinykube.runtime.cgroup.FreezerState;
import io.tinykube.runtime.cgroup.MemoryControllerDisabledException;
import io.tinykube.runtime.cgroup.ProcessKiller;
import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** cgroup v2 (unified hosts, Raspberry Pi OS bookworm): one tree, controllers delegated down the path. */
public final class V2Manager implements CgroupManager {

    private final CgroupHierarchy hierarchy;
    private final String path;
    private final ProcessKiller killer;
    private final Path cgroup;

    public V2Manager(CgroupHierarchy hierarchy, String path, ProcessKiller killer) {
        this.hierarchy = hierarchy;
        this.path = path;
        this.killer = killer;
        this.cgroup = hierarchy.unifiedMount().resolve(path);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void create() {
        Controllers.createWithControllers(hierarchy.unifiedMount(), path);
    }

    @Override
    public boolean exists() {
        return Files.isDirectory(cgroup);
    }

    @Override
    public void addProcess(long pid) {
        if (!Controllers.words(CgroupFiles.read(cgroup.resolve("cgroup.subtree_control"))).isEmpty()) {
            throw new CgroupException("cannot add process " + pid + " to " + cgroup + ": it passes controllers to"
                    + " child cgroups, and on cgroup v2 only leaf cgroups may hold processes");
        }
        CgroupFiles.write(cgroup.resolve("cgroup.procs"), Long.toString(pid));
    }

    @Override
    public void apply(Resources resources) {
        if (resources.memoryLimitBytes() != null) {
            requireController("memory");
            Memory.apply(cgroup, resources);
        }
        if (resources.cpuShares() != null || resources.cpuQuotaMicros() != null
                || resources.cpuPeriodMicros() != null) {
            requireController("cpu");
            Cpu.apply(cgroup, resources);
        }
        if (resources.pidsLimit() != null) {
            requireController("pids");
            Pids.apply(cgroup, resources);
        }
        if (resources.cpusetCpus() != null || resources.cpusetMems() != null) {
            requireController("cpuset");
            Cpuset.apply(cgroup, resources);
        }
    }

    /** A controller is usable here when the parent delegated it: then it shows in our cgroup.controllers. */
    private void requireController(String controller) {
        boolean delegated = Controllers.words(CgroupFiles.read(cgroup.resolve("cgroup.controllers")))
                .contains(controller);
        if (delegated) {
            return;
        }
        if (controller.equals("memory") && !hierarchy.memoryControllerEnabled()) {
            throw new MemoryControllerDisabledException(hierarchy.hostRoot());
        }
        throw new CgroupException("the " + controller + " cgroup controller is not enabled for " + cgroup
                + " (missing from its cgroup.controllers)");
    }

    @Override
    public void freeze() {
        Freezer.freeze(cgroup);
    }

    @Override
    public void thaw() {
        Freezer.thaw(cgroup);
    }

    @Override
    public FreezerState freezerState() {
        return Freezer.state(cgroup);
    }

    @Override
    public CgroupStats stats() {
        CgroupStats.Memory memory = Files.exists(cgroup.resolve("memory.current")) ? Memory.stats(cgroup)
                : new CgroupStats.Memory(0, 0, 0, 0, OptionalLong.empty(), 0);
        CgroupStats.Pids pids = Files.exists(cgroup.resolve("pids.current")) ? Pids.stats(cgroup)
                : new CgroupStats.Pids(pids().size(), OptionalLong.empty());
        return new CgroupStats(Cpu.stats(cgroup), memory, pids);
    }

    @Override
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Path member : CgroupFiles.subtree(cgroup)) {
            pids.addAll(CgroupFiles.readPids(member.resolve("cgroup.procs")));
        }
        return pids;
    }

    @Override
    public void killAll() {
        Path kill = cgroup.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            // Linux 5.14+: the kernel kills the whole subtree at once, forks included.
            CgroupFiles.write(kill, "1");
            return;
        }
        freeze();
        try {
            long self = ProcessHandle.current().pid();
            for (long pid : pids()) {
                if (pid != self) {
                    killer.kill(pid);
                }
            }
        } finally {
            thaw();
        }
    }

    @Override
    public void remove() {
        CgroupFiles.removeTree(cgroup);
    }
}
