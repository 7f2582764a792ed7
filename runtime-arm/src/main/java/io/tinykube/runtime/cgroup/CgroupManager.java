package io.tinykube.runtime.cgroup;

import java.util.List;

/**
 * One cgroup of a pod or container, whatever the host's cgroup version (youki's libcgroups CgroupManager).
 * Obtained from {@link CgroupHierarchy#manager(String)}; the path is relative to the hierarchy's root.
 */
public interface CgroupManager {

    /** The cgroup's path below the hierarchy root, e.g. {@code kubepods/burstable/pod<uid>/<container-id>}. */
    String path();

    /**
     * Creates the cgroup and its missing ancestors (v1: in every hierarchy; v2: with the memory, cpu, pids and
     * cpuset controllers enabled for it down the path). Existing cgroups are kept.
     */
    void create();

    boolean exists();

    /** Moves a process (with its threads) into the cgroup; its children started afterwards follow it. */
    void addProcess(long pid);

    /**
     * Writes the limits that are set in {@code resources}; a memory limit on a kernel without the memory
     * controller fails with {@link MemoryControllerDisabledException}.
     */
    void apply(Resources resources);

    /** Stops every task in the cgroup and its descendants, returning once the kernel reports them frozen. */
    void freeze();

    void thaw();

    FreezerState freezerState();

    CgroupStats stats();

    /** Processes in the cgroup and its descendants. */
    List<Long> pids();

    /** SIGKILLs every process in the cgroup and its descendants, so none can fork away while it happens. */
    void killAll();

    /** Removes the cgroup and its descendants, waiting a few seconds for killed tasks to leave. */
    void remove();
}
