package io.tinykube.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

    private static final String FIRST = """
            cpu  1000 0 500 8000 100 0 50 0 0 0
            cpu0 500 0 250 4000 50 0 25 0 0 0
            cpu1 500 0 250 4000 50 0 25 0 0 0
            intr 123456 0 0
            ctxt 987654
            """;

    @Test
    void theAggregateLineAndTheCpuCountAreRead() {
        CpuTimes times = CpuTimes.parse(FIRST);

        assertEquals(new CpuTimes(1000, 0, 500, 8000, 100, 0, 50, 0, 2), times);
        assertEquals(1550, times.busyTicks());
        assertEquals(9650, times.totalTicks());
        assertEquals(1550L * 10_000_000, times.usageCoreNanos());
    }

    @Test
    void theRateIsTheBusyShareOfTicksTimesTheCpus() {
        CpuTimes earlier = CpuTimes.parse(FIRST);
        // 200 ticks pass over two CPUs: 150 busy (user 100, system 50), 50 idle → 1.5 cores.
        CpuTimes later = CpuTimes.parse(FIRST.replace("cpu  1000 0 500 8000", "cpu  1100 0 550 8050"));

        assertEquals(1_500_000_000L, later.usageNanoCoresSince(earlier));
        assertEquals(0, earlier.usageNanoCoresSince(earlier), "no tick passed");
    }

    @Test
    void textWithoutTheAggregateLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parse("intr 1\n"));
    }
}
