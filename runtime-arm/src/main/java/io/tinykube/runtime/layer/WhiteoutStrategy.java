package io.tinykube.runtime.layer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a layer's OCI whiteouts land on disk. {@link MergedWhiteouts} applies them to a directory that already
 * holds the lower layers (the copy snapshotter); {@link OverlayWhiteouts} records them in a directory of their
 * own in overlayfs's form, for use as a lower dir. The unpacker hands over names already checked to stay inside.
 */
public sealed interface WhiteoutStrategy permits MergedWhiteouts, OverlayWhiteouts {
    /** {@code .wh.NAME} in directory {@code dir} (components below the root). */
    void whiteout(LayerWrite write, List<String> dir, String name) throws IOException;

    /** {@code .wh..wh..opq} in directory {@code dir}: lower content of that directory is hidden. */
    void opaque(LayerWrite write, List<String> dir) throws IOException;

    /** A hard link whose target is not in this directory: where lower content of that name lives, if anywhere. */
    Optional<Path> lowerHardLinkTarget(List<String> target) throws IOException;

    /** Applies whiteouts to the directory holding the lower layers. */
    static WhiteoutStrategy merged() {
        return new MergedWhiteouts();
    }

    /**
     * Writes whiteouts as overlayfs does: char device 0/0 and {@code trusted.overlay.opaque=y}. {@code lowerLayers}
     * (nearest first) are searched for hard-link targets that live in earlier layers; such a file is copied.
     */
    static WhiteoutStrategy overlay(PrivilegedFiles privileged, List<Path> lowerLayers) {
        return new OverlayWhiteouts(privileged, lowerLayers);
    }
}
