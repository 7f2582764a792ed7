package io.tinykube.runtime.rootfs;

import java.nio.file.Path;
import java.util.List;

/** A container's writable root filesystem at {@code rootfs}, made from the image layers {@code layers} (bottom first). */
public record Snapshot(String id, Path rootfs, List<String> layers) {
    public Snapshot {
        layers = List.copyOf(layers);
    }
}
