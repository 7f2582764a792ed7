package io.tinykube.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a process sees from inside its container: PID 1, its hostname, its own root and /proc, a small /dev. */
class ContainerIsolationTest {
    private ContainerFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ContainerFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void theWorkloadIsPidOneWithItsOwnHostname() throws Exception {
        String out = fixture.output(fixture.spec("pid1", "echo $$; hostname; ls /proc | grep '^[0-9]'")
            .hostname("web-0").build());
        List<String> lines = out.lines().toList();
        assertEquals(List.of("1", "web-0"), lines.subList(0, 2));
        assertTrue(lines.subList(2, lines.size()).stream().allMatch(pid -> Integer.parseInt(pid) < 10),
            "only the container's own processes: " + lines);
    }

    @Test
    void theRootIsTheRootfsWithProcSysAndDevMounted() throws Exception {
        String out = fixture.output(fixture.spec("mounts", "cat /proc/self/mountinfo; echo ---; ls /dev; echo ---; ls /")
            .build());
        String[] parts = out.split("---\n");
        List<String> mounts = parts[0].lines().map(line -> line.split(" ")[4]).toList();
        assertEquals("/", mounts.get(0));
        assertTrue(mounts.containsAll(List.of("/proc", "/sys", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue")), mounts.toString());
        assertTrue(parts[0].lines().anyMatch(l -> l.split(" ")[4].equals("/sys") && l.split(" ")[5].startsWith("ro")),
            "/sys is read-only");
        assertEquals(List.of("fd", "full", "mqueue", "null", "ptmx", "pts", "random", "shm", "stderr", "stdin",
            "stdout", "tty", "urandom", "zero"), parts[1].lines().toList());
        assertTrue(parts[2].lines().toList().containsAll(List.of("bin", "etc", "proc", "sys", "dev")));
        assertFalse(parts[2].lines().anyMatch(name -> name.equals("usr") || name.equals("home")), "no host files: " + parts[2]);
    }

    @Test
    void kernelPathsAreMaskedOrReadOnly() throws Exception {
        String out = fixture.output(fixture.spec("masked",
            "wc -c < /proc/keys; ls /sys/firmware | wc -l; echo 1 > /proc/sys/kernel/ostype 2>/dev/null && echo writable || echo refused")
            .build());
        assertEquals(List.of("0", "0", "refused"), out.lines().map(String::strip).toList());
    }

    @Test
    void devNullAndStandardStreamsWork() throws Exception {
        String out = fixture.output(fixture.spec("dev", "echo gone > /dev/null; dd if=/dev/zero bs=4 count=1 2>/dev/null | wc -c; echo to-stdout >> /dev/stdout")
            .build());
        assertEquals(List.of("4", "to-stdout"), out.lines().map(String::strip).toList());
    }
}
