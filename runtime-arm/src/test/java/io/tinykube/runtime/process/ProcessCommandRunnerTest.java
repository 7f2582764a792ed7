package io.tinykube.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real runner: stdin in, stdout back, the working directory honoured, failures with exit code and stderr. */
class ProcessCommandRunnerTest {
    private final CommandRunner commands = CommandRunner.processes();

    @Test
    void feedsStdinAndReturnsStdoutOnly() {
        assertEquals("HELLO\n", commands.run(List.of("/bin/busybox", "sh", "-c", "tr a-z A-Z; echo noise >&2"), "hello\n"));
    }

    @Test
    void runsInTheGivenDirectory(@TempDir Path dir) throws Exception {
        assertEquals(dir.toRealPath().toString() + "\n", commands.run(dir, List.of("/bin/busybox", "pwd"), ""));
    }

    @Test
    void nonZeroExitCarriesCodeAndStderr() {
        CommandFailedException e = assertThrows(CommandFailedException.class,
            () -> commands.run(List.of("/bin/busybox", "sh", "-c", "echo out; echo broken >&2; exit 4")));
        assertEquals(4, e.exitCode());
        assertEquals("broken\n", e.stderr());
        assertTrue(e.getMessage().endsWith("exited 4: broken"), e.getMessage());
    }

    @Test
    void aMissingProgramFailsNamingIt() {
        CommandFailedException e = assertThrows(CommandFailedException.class,
            () -> commands.run(List.of("/nonexistent/tool")));
        assertTrue(e.getMessage().startsWith("cannot start /nonexistent/tool"), e.getMessage());
    }
}
