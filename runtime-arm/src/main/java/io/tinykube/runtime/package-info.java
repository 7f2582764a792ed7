/**
 * tinykube's container runtime as a plain Java library (no CDI; the agent wraps it): OCI images
 * ({@code image}), safe layer unpacking and root filesystems ({@code layer}, {@code rootfs}), cgroups v1
 * and v2 behind one interface ({@code cgroup}), pod networking ({@code network}), and containers started
 * through util-linux between fork and exec ({@code container}).
 */
package io.tinykube.runtime;
