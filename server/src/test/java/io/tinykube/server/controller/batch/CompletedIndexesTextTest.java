package io.tinykube.server.controller.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** status.completedIndexes is written as upstream's ascending intervals and read back, bounded by completions. */
class CompletedIndexesTextTest {
    @Test
    void writesRunsAsIntervals() {
        assertEquals("", CompletedIndexes.format(new TreeSet<>()));
        assertEquals("0-2,4", CompletedIndexes.format(new TreeSet<>(List.of(0, 1, 2, 4))));
        assertEquals("1,3,5-6", CompletedIndexes.format(new TreeSet<>(List.of(1, 3, 5, 6))));
    }

    @Test
    void readsIntervalsBelowCompletions() {
        assertEquals(new TreeSet<>(List.of(0, 1, 2, 4)), CompletedIndexes.parse("0-2,4", 10));
        assertEquals(new TreeSet<>(List.of(3, 4)), CompletedIndexes.parse("3-7", 5));
        assertEquals(new TreeSet<>(List.of(1)), CompletedIndexes.parse("x,1", 5));
    }
}
