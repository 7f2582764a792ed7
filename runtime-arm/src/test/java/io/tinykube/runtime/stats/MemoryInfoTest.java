package io.tinykube.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MemoryInfoTest {

    @Test
    void totalsAreBytesAndTheWorkingSetIsWhatIsNotAvailable() {
        MemoryInfo memory = MemoryInfo.parse("""
                MemTotal:        3884096 kB
                MemFree:          250000 kB
                MemAvailable:    2884096 kB
                Buffers:           81232 kB
                HugePages_Total:       0
                """);

        assertEquals(3884096L * 1024, memory.totalBytes());
        assertEquals(2884096L * 1024, memory.availableBytes());
        assertEquals(250000L * 1024, memory.freeBytes());
        assertEquals(1_000_000L * 1024, memory.workingSetBytes());
    }

    @Test
    void kernelsWithoutMemAvailableAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MemoryInfo.parse("MemTotal: 100 kB\nMemFree: 50 kB\n"));
    }
}
