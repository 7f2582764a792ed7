package io.tinykube.runtime.rootfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Mounting and unmounting, the privileged part of overlay snapshots. */
public interface Mounter {
    /**
     * Mounts an overlay at {@code target}. The directory options are resolved relative to {@code workingDirectory}
     * (the mount runs there), which keeps them short whatever the number of layers and free of the commas and
     * colons an absolute path might contain. {@code lowerDirs} are top layer first.
     */
    void mountOverlay(Path workingDirectory, List<String> lowerDirs, String upperDir, String workDir, Path target)
            throws IOException;

    /** Unmounts {@code target}, lazily if it is busy; no-op when nothing is mounted there. */
    void unmount(Path target) throws IOException;

    boolean isMounted(Path target) throws IOException;
}
