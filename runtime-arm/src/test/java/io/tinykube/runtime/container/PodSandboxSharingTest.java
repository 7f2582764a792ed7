package io.tinykube.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Containers of one pod share its network, IPC and UTS namespaces; another pod's do not. */
class PodSandboxSharingTest {
    private ContainerFixture fixture;
    private PodSandbox sandbox;
    private Path netns;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ContainerFixture();
        sandbox = PodSandbox.create(fixture.dir.resolve("sandboxes"), "pod-a", "pod-a-host");
        netns = Files.createFile(fixture.dir.resolve("netns-pod-a"));
        Process process = new ProcessBuilder("/bin/busybox", "unshare", "--net=" + netns, "/bin/busybox", "ip", "link",
            "set", "lo", "up").inheritIO().start();
        assertEquals(0, process.waitFor());
    }

    @AfterEach
    void tearDown() throws Exception {
        sandbox.remove();
        new ProcessBuilder("/bin/busybox", "umount", "-l", netns.toString()).inheritIO().start().waitFor();
        fixture.close();
    }

    private ContainerSpec.Builder inPod(String id, String script) {
        return fixture.spec(id, script).sandbox(sandbox).netns(netns);
    }

    private static final String NAMESPACES = "hostname; for ns in net ipc uts; do readlink /proc/self/ns/$ns; done";

    @Test
    void twoContainersOfAPodShareNetIpcAndUts() throws Exception {
        List<String> first = fixture.output(inPod("first", NAMESPACES).build()).lines().toList();
        List<String> second = fixture.output(inPod("second", NAMESPACES).build()).lines().toList();
        assertEquals("pod-a-host", first.get(0));
        assertEquals(first, second);
        List<String> other = fixture.output(fixture.spec("other-pod", NAMESPACES).build()).lines().toList();
        assertNotEquals(first.get(1), other.get(1));
    }

    @Test
    void containersOfAPodTalkOverLocalhostAndShareIpcObjects() throws Exception {
        // The connection is handed to a shell that reads a whole line: a bare `nc -l` may see the client's
        // side close before its data and exit with nothing (busybox nc).
        fixture.supervisor.create(inPod("server", "touch /dev/mqueue/shared-queue; "
                + "nc -l -p 9000 -e /bin/sh -c 'read line; echo \"$line\" >&2'").build());
        fixture.supervisor.start("server");
        String client = fixture.output(inPod("client",
            "for i in 1 2 3 4 5 6 7 8 9 10; do echo hello | nc 127.0.0.1 9000 && break; sleep 0.2; done; ls /dev/mqueue").build());
        assertEquals("shared-queue", client.strip(), "POSIX message queues live in the IPC namespace");
        ContainerState server = fixture.supervisor.waitForExit("server", Duration.ofSeconds(10));
        assertEquals(0, server.exit().orElseThrow().code());
        assertEquals("hello\n", Files.readString(fixture.dir.resolve("server.err")));
    }
}
