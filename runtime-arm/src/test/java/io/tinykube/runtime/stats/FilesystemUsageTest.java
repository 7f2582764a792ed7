package io.tinykube.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemUsageTest {

    @TempDir
    Path directory;

    @Test
    void spaceAndInodesOfAPathsFilesystemAreConsistent() throws Exception {
        FilesystemUsage usage = FilesystemUsage.of(directory);

        assertTrue(usage.capacityBytes() > 0, usage.toString());
        assertTrue(usage.availableBytes() <= usage.capacityBytes(), usage.toString());
        assertTrue(usage.usedBytes() >= 0 && usage.usedBytes() <= usage.capacityBytes(), usage.toString());
        assertTrue(usage.inodesFree() <= usage.inodes(), usage.toString());
        assertTrue(usage.inodesUsed() >= 0, usage.toString());
    }

    @Test
    void statfsOutputIsParsed() {
        assertArrayEquals(new long[] {6553600, 6400000}, FilesystemUsage.parseStatfsInodes("6553600 6400000\n"));
        assertThrows(IllegalArgumentException.class, () -> FilesystemUsage.parseStatfsInodes("stat: cannot read"));
    }
}
