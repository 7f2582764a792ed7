package io.tinykube.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.layer.LayerUnpacker;
import io.tinykube.runtime.layer.ProcessPrivilegedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlay support is decided by a real test mount; where it fails, root filesystems are copies. */
class OverlaySupportTest {
    @TempDir
    Path root;

    /** A mounter as in container environments that list overlay but refuse to mount it. */
    static final class RefusingMounter implements Mounter {
        @Override
        public void mountOverlay(Path workingDirectory, List<String> lowerDirs, String upperDir, String workDir,
                Path target) throws IOException {
            throw new IOException("mount failed (exit 32): permission denied");
        }

        @Override
        public void unmount(Path target) {
        }

        @Override
        public boolean isMounted(Path target) {
            return false;
        }
    }

    @Test
    void overlayWorksHereAndTheProbeLeavesNothing() throws IOException {
        ProcessPrivilegedFiles privileged = new ProcessPrivilegedFiles();
        OverlaySupport support = OverlaySupport.probe(root, new UtilLinuxMounter(), privileged);
        assertTrue(support.available(), support.reason());
        assertInstanceOf(OverlaySnapshotter.class,
                Snapshotter.forRoot(root, new LayerUnpacker(privileged, false), new UtilLinuxMounter(), privileged));
        assertFalse(TestImage.mountedUnder(root));
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(List.of("layers", "snapshots"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void refusedMountFallsBackToCopies() throws IOException {
        ProcessPrivilegedFiles privileged = new ProcessPrivilegedFiles();
        OverlaySupport support = OverlaySupport.probe(root, new RefusingMounter(), privileged);
        assertFalse(support.available());
        assertEquals("mount failed (exit 32): permission denied", support.reason());
        assertInstanceOf(CopySnapshotter.class,
                Snapshotter.forRoot(root, new LayerUnpacker(privileged, false), new RefusingMounter(), privileged));
    }
}
