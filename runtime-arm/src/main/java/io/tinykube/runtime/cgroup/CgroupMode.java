package io.tinykube.runtime.cgroup;

/** How the host mounts its cgroups. */
public enum CgroupMode {
    /** cgroup2 alone at /sys/fs/cgroup (Raspberry Pi OS bookworm, current distributions). */
    UNIFIED,
    /** Only v1 hierarchies, one per controller (or per controller group). */
    LEGACY,
    /**
     * v1 hierarchies carry the controllers and an empty cgroup2 sits at /sys/fs/cgroup/unified (systemd's
     * hybrid layout): driven as v1, since the controllers are all on the v1 side.
     */
    HYBRID
}
