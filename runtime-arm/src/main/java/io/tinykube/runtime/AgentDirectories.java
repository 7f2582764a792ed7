package io.tinykube.runtime;

import io.tinykube.runtime.image.BlobStore;
import io.tinykube.runtime.image.ImageStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the runtime keeps its state under the node's data directory ({@code /var/lib/tinykube} by default):
 * everything below {@code <dataDir>/agent/}, so the launcher's {@code images} commands and the agent agree.
 */
public record AgentDirectories(Path dataDir) {

    public Path root() {
        return dataDir.resolve("agent");
    }

    /** Blobs ({@code blobs/sha256/…}) and the image store's names, side by side. */
    public Path images() {
        return root().resolve("images");
    }

    public Path snapshots() {
        return root().resolve("snapshots");
    }

    /** The container supervisor's state, one directory per container. */
    public Path containers() {
        return root().resolve("containers");
    }

    /** Per container: the stdout/stderr FIFOs and the path of its CRI log file. */
    public Path containerIo() {
        return root().resolve("io");
    }

    /** The pods' IPC and UTS namespace files. */
    public Path sandboxes() {
        return root().resolve("sandboxes");
    }

    /** Pod network state (IPAM, pod files), unless the network config names another. */
    public Path network() {
        return root().resolve("network");
    }

    public ImageStore openImageStore() throws IOException {
        return new ImageStore(images(), new BlobStore(images()));
    }
}
