package io.tinykube.runtime.rootfs;

import io.tinykube.runtime.layer.LayerUnpacker;
import io.tinykube.runtime.layer.ProcessPrivilegedFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Real snapshotters under a test directory; closing removes every snapshot, so no mount outlives a test. */
final class SnapshotterFixture implements AutoCloseable {
    final Snapshotter snapshotter;

    private SnapshotterFixture(Snapshotter snapshotter) {
        this.snapshotter = snapshotter;
    }

    static SnapshotterFixture overlay(Path root) throws IOException {
        ProcessPrivilegedFiles privileged = new ProcessPrivilegedFiles();
        return new SnapshotterFixture(
                new OverlaySnapshotter(root, new LayerUnpacker(privileged, false), new UtilLinuxMounter(), privileged));
    }

    static SnapshotterFixture copy(Path root) throws IOException {
        return new SnapshotterFixture(new CopySnapshotter(root, new LayerUnpacker(new ProcessPrivilegedFiles(), false)));
    }

    @Override
    public void close() throws IOException {
        for (Snapshot snapshot : snapshotter.list()) {
            snapshotter.remove(snapshot.id());
        }
    }
}
