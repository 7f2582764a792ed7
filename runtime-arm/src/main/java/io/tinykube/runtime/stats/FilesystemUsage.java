package io.tinykube.runtime.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
        Process stat = new ProcessBuilder("stat", "-f", "-c", "%c %d", path.toString())
                .redirectErrorStream(true).start();
        String output = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!stat.waitFor(10, TimeUnit.SECONDS) || stat.exitValue() != 0) {
                stat.destroyForcibly();
                throw new IOException("stat -f " + path + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading inodes of " + path, e);
        }
        return output;
    }

    public long inodesUsed() {
        return inodes - inodesFree;
    }
}
