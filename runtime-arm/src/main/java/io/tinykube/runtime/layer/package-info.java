/**
 * Image layers unpacked safely onto directories: {@link io.tinykube.runtime.layer.LayerUnpacker}, with the
 * whiteouts either applied to a merged tree or kept in overlayfs's form
 * ({@link io.tinykube.runtime.layer.WhiteoutStrategy}), and the few privileged file operations behind
 * {@link io.tinykube.runtime.layer.PrivilegedFiles}.
 */
package io.tinykube.runtime.layer;
