package io.tinykube.runtime.rootfs;

import io.tinykube.runtime.layer.LayerUnpacker;
import io.tinykube.runtime.layer.PrivilegedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** Writable root filesystems for containers, made from image layers; state lives on disk and survives restarts. */
public interface Snapshotter {
    Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    /**
     * The root filesystem {@code id} from {@code layers} (bottom first), made ready to use: created if new,
     * mounted again if it exists but is not mounted (after a reboot), returned as it is otherwise.
     */
    Snapshot prepare(String id, List<LayerBlob> layers) throws IOException;

    Optional<Snapshot> find(String id) throws IOException;

    List<Snapshot> list() throws IOException;

    /** Unmounts and deletes {@code id}, and every layer no other snapshot uses. Nothing to do if it is gone. */
    void remove(String id) throws IOException;

    /** The overlay snapshotter where overlayfs works under {@code root}, the copying one otherwise. */
    static Snapshotter forRoot(Path root, LayerUnpacker unpacker, Mounter mounter, PrivilegedFiles privileged)
            throws IOException {
        OverlaySupport support = OverlaySupport.probe(root, mounter, privileged);
        if (support.available()) {
            return new OverlaySnapshotter(root, unpacker, mounter, privileged);
        }
        Logger.getLogger(Snapshotter.class.getName()).warning(
                "overlayfs is not usable under " + root + " (" + support.reason() + "): root filesystems will be copies");
        return new CopySnapshotter(root, unpacker);
    }

    static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a snapshot id: " + id);
        }
    }
}
