package io.tinykube.runtime.image;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Capacity and free space of the filesystem holding the images. */
public interface DiskUsage {
    long capacityBytes() throws IOException;

    long availableBytes() throws IOException;

    static DiskUsage of(Path path) throws IOException {
        FileStore store = Files.getFileStore(path);
        return new DiskUsage() {
            @Override
            public long capacityBytes() throws IOException {
                return store.getTotalSpace();
            }

            @Override
            public long availableBytes() throws IOException {
                return store.getUsableSpace();
            }
        };
    }
}
