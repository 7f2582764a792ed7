/**
 * Container root filesystems from image layers: overlay mounts over shared layer directories
 * ({@link io.tinykube.runtime.rootfs.OverlaySnapshotter}) or full copies where overlayfs does not work
 * ({@link io.tinykube.runtime.rootfs.CopySnapshotter}), chosen by a test mount
 * ({@link io.tinykube.runtime.rootfs.OverlaySupport}).
 */
package io.tinykube.runtime.rootfs;
