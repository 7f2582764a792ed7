package io.tinykube.runtime.cgroup;

/** Whether a cgroup's processes may run. */
public enum FreezerState {
    THAWED,
    /** The kernel is still stopping the cgroup's tasks. */
    FREEZING,
    FROZEN
}
