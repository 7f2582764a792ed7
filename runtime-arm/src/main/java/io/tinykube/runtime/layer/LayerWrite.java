package io.tinykube.runtime.layer;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** What one layer's unpacking has written so far, for whiteouts that must spare this layer's own entries. */
final class LayerWrite {
    private final RootedPaths paths;
    private final Set<Path> written = new HashSet<>();
    private final Set<Path> whiteouts = new HashSet<>();

    LayerWrite(RootedPaths paths) {
        this.paths = paths;
    }

    RootedPaths paths() {
        return paths;
    }

    boolean writtenByThisLayer(Path path) {
        return written.contains(path);
    }

    void recordWritten(Path path) {
        written.add(path);
        whiteouts.remove(path);
    }

    void recordWhiteout(Path path) {
        whiteouts.add(path);
    }

    /** True when {@code path} is a whiteout node this layer made (overlay form), about to be replaced. */
    boolean isWhiteoutOfThisLayer(Path path) {
        return whiteouts.contains(path);
    }
}
