/**
 * Node statistics from /proc and the filesystem, for node conditions (MemoryPressure, DiskPressure,
 * PIDPressure) and the summary API. Parsers take the file text so fixtures can test them; per-pod and
 * per-container figures come from {@link io.tinykube.runtime.cgroup.CgroupManager#stats()}.
 */
package io.tinykube.runtime.stats;
