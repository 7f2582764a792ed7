package io.tinykube.runtime.stats;

import io.tinykube.runtime.process.CommandFailedException;
import io.tinykube.runtime.process.CommandRunner;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Space and inodes of the filesystem holding a path, for DiskPressure (nodefs/imagefs available and
 * inodesFree).
 *
 * @param availableBytes what unprivileged writers may still use (df's "Avail"), what eviction thresholds use
 */
public record FilesystemUsage(long capacityBytes, long availableBytes, long usedBytes, long inodes,
        long inodesFree) {

    /**
     * Space from java.nio's FileStore; inodes from statfs, which the JDK does not expose, through coreutils'
     * {@code stat -f} — one short process per sample.
     */
    public static FilesystemUsage of(Path path) throws IOException {
        FileStore store = Files.getFileStore(path);
        long capacity = store.getTotalSpace();
        long used = capacity - store.getUnallocatedSpace();
        long[] inodes = parseStatfsInodes(statfsInodes(path));
        return new FilesystemUsage(capacity, store.getUsableSpace(), used, inodes[0], inodes[1]);
    }

    /** {@code stat -f -c '%c %d'} prints total and free inodes. */
    static long[] parseStatfsInodes(String output) {
        String[] fields = output.trim().split("\\s+");
        if (fields.length != 2) {
            throw new IllegalArgumentException("unexpected stat -f output: " + output);
        }
        return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
    }

    private static String statfsInodes(Path path) throws IOException {
        try {
            return CommandRunner.processes().run(List.of("stat", "-f", "-c", "%c %d", path.toString()));
        } catch (CommandFailedException e) {
            throw new IOException("stat -f " + path + " failed: " + e.getMessage(), e);
        }
    }

    public long inodesUsed() {
        return inodes - inodesFree;
    }
}
