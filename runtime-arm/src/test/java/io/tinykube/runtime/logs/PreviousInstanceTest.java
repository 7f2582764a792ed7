package io.tinykube.runtime.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviousInstanceTest {
    @TempDir
    Path dir;

    @Test
    void previousServesTheFileOfTheRestartBefore() throws Exception {
        LogFiles.write(dir.resolve("0.log"), "2026-01-01T00:00:01Z stdout F first run");
        LogFiles.write(dir.resolve("1.log"), "2026-01-01T00:01:01Z stdout F second run");
        ContainerLogReader reader = new ContainerLogReader(dir, 1);
        assertEquals("second run\n", LogFiles.read(reader, LogReadOptions.defaults()));
        assertEquals("first run\n", LogFiles.read(reader, LogReadOptions.defaults().withPrevious(true)));
    }

    @Test
    void aFirstInstanceHasNoPrevious() {
        ContainerLogReader reader = new ContainerLogReader(dir, 0);
        assertThrows(NoSuchFileException.class, () -> LogFiles.read(reader, LogReadOptions.defaults().withPrevious(true)));
    }
}
