package io.tinykube.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadAndPidUsageTest {

    private static final String LOADAVG = "2.16 3.06 4.29 5/175 5222\n";

    @Test
    void loadAverageAndTaskCountsAreRead() {
        assertEquals(new LoadAverage(2.16, 3.06, 4.29, 5, 175), LoadAverage.parse(LOADAVG));
        assertThrows(IllegalArgumentException.class, () -> LoadAverage.parse("garbage"));
    }

    @Test
    void pidsUsedCountTasksAgainstTheSmallerOfPidMaxAndThreadsMax() {
        assertEquals(new PidUsage(175, 32768), PidUsage.parse(LOADAVG, "32768\n", "191234\n"));
        assertEquals(new PidUsage(175, 15000), PidUsage.parse(LOADAVG, "4194304\n", "15000\n"));
        assertEquals(32768 - 175, PidUsage.parse(LOADAVG, "32768", "").available());
    }

    @Test
    void uptimeIsTheFirstField() {
        assertEquals(Duration.ofMillis(350735470), Uptime.parse("350735.47 690000.10\n"));
    }
}
