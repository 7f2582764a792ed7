package io.tinykube.runtime.cgroup.v1;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** cgroup v1 (legacy and hybrid hosts): the same relative path in every controller hierarchy. */
public final class V1Manager implements CgroupManager {

    private final CgroupHierarchy hierarchy;
    private final String path;
    private final ProcessKiller killer;

    public V1Manager(CgroupHierarchy hierarchy, String path, ProcessKiller killer) {
        this.hierarchy = hierarchy;
        this.path = path;
        this.killer = killer;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void create() {
        for (Path cgroup : cgroupInEveryHierarchy()) {
            List<Path> created = CgroupFiles.createDirectories(cgroup);
            if (cgroup.equals(directoryOrNull("cpuset"))) {
                created.forEach(Cpuset::inheritFromParent);
            }
        }
    }

    @Override
    public boolean exists() {
        return cgroupInEveryHierarchy().stream().anyMatch(Files::isDirectory);
    }

    @Override
    public void addProcess(long pid) {
        for (Path cgroup : cgroupInEveryHierarchy()) {
            CgroupFiles.write(cgroup.resolve("cgroup.procs"), Long.toString(pid));
        }
    }

    @Override
    public void apply(Resources resources) {
        if (resources.memoryLimitBytes() != null) {
            if (!hierarchy.memoryControllerEnabled()) {
                throw new MemoryControllerDisabledException(hierarchy.hostRoot());
            }
            Memory.apply(directory("memory"), resources);
        }
        if (resources.cpuShares() != null || resources.cpuQuotaMicros() != null
                || resources.cpuPeriodMicros() != null) {
            Cpu.apply(directory("cpu"), resources);
        }
        if (resources.pidsLimit() != null) {
            Pids.apply(directory("pids"), resources);
        }
        if (resources.cpusetCpus() != null || resources.cpusetMems() != null) {
            Cpuset.apply(directory("cpuset"), resources);
        }
    }

    @Override
    public void freeze() {
        Freezer.freeze(directory("freezer"));
    }

    @Override
    public void thaw() {
        Freezer.thaw(directory("freezer"));
    }

    @Override
    public FreezerState freezerState() {
        return Freezer.state(directory("freezer"));
    }

    @Override
    public CgroupStats stats() {
        long[] usage = enabled("cpuacct") ? CpuAcct.usage(directory("cpuacct")) : new long[3];
        long[] throttling = enabled("cpu") ? Cpu.throttling(directory("cpu")) : new long[3];
        CgroupStats.Cpu cpu = new CgroupStats.Cpu(usage[0], usage[1], usage[2], throttling[0], throttling[1],
                throttling[2]);
        CgroupStats.Memory memory = hierarchy.memoryControllerEnabled() ? Memory.stats(directory("memory"))
                : new CgroupStats.Memory(0, 0, 0, 0, OptionalLong.empty(), 0);
        CgroupStats.Pids pids = enabled("pids") ? Pids.stats(directory("pids"))
                : new CgroupStats.Pids(pids().size(), OptionalLong.empty());
        return new CgroupStats(cpu, memory, pids);
    }

    @Override
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Path cgroup : CgroupFiles.subtree(membershipDirectory())) {
            pids.addAll(CgroupFiles.readPids(cgroup.resolve("cgroup.procs")));
        }
        return pids;
    }

    @Override
    public void killAll() {
        // Frozen, no task can fork a child we would miss; the SIGKILLs land on thaw.
        boolean freezable = enabled("freezer") && Files.isDirectory(directory("freezer"));
        if (freezable) {
            freeze();
        }
        try {
            long self = ProcessHandle.current().pid();
            for (long pid : pids()) {
                if (pid != self) {
                    killer.kill(pid);
                }
            }
        } finally {
            if (freezable) {
                thaw();
            }
        }
    }

    @Override
    public void remove() {
        for (Path cgroup : cgroupInEveryHierarchy()) {
            CgroupFiles.removeTree(cgroup);
        }
    }

    /** One directory per mounted hierarchy: cpu and cpuacct, when co-mounted, share one. */
    private Set<Path> cgroupInEveryHierarchy() {
        Set<Path> cgroups = new LinkedHashSet<>();
        hierarchy.v1Mounts().values().stream().sorted().forEach(mount -> cgroups.add(mount.resolve(path)));
        return cgroups;
    }

    /** Where to list members: every hierarchy holds the same tasks, pids or freezer is always there in practice. */
    private Path membershipDirectory() {
        for (String controller : new String[] {"pids", "freezer", "memory", "cpu"}) {
            if (enabled(controller)) {
                return directory(controller);
            }
        }
        return cgroupInEveryHierarchy().iterator().next();
    }

    private boolean enabled(String controller) {
        return hierarchy.enabledControllers().contains(controller) && hierarchy.v1Mounts().containsKey(controller);
    }

    private Path directory(String controller) {
        Path directory = directoryOrNull(controller);
        if (directory == null) {
            throw new CgroupException("the " + controller + " cgroup controller is not available on this host");
        }
        return directory;
    }

    private Path directoryOrNull(String controller) {
        Path mount = enabled(controller) ? hierarchy.v1Mounts().get(controller) : null;
        return mount == null ? null : mount.resolve(path);
    }
}
