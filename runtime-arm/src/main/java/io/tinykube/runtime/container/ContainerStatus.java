package io.tinykube.runtime.container;

/** youki's lifecycle (container/state.rs), without Creating (create is one step here) and Paused. */
public enum ContainerStatus {
    /** Prepared (state, cgroup with limits, mount points); no process yet. */
    CREATED,
    /** The shim and the workload were started and no exit is recorded yet. */
    RUNNING,
    /** The workload exited; its status is recorded (or unknown if the shim itself was killed). */
    STOPPED
}
