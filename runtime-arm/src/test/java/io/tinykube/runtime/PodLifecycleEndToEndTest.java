package io.tinykube.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.security.auth.module.UnixSystem;
import io.tinykube.runtime.cgroup.CgroupHierarchy;
import io.tinykube.runtime.cgroup.CgroupLayout;
import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.QosClass;
import io.tinykube.runtime.container.ContainerState;
import io.tinykube.runtime.container.ContainerStatus;
import io.tinykube.runtime.container.ExitStatus;
import io.tinykube.runtime.image.Digests;
import io.tinykube.runtime.image.Image;
import io.tinykube.runtime.image.Platform;
import io.tinykube.runtime.image.PullPolicy;
import io.tinykube.runtime.image.TestImages;
import io.tinykube.runtime.image.TestRegistry;
import io.tinykube.runtime.logs.ContainerLogReader;
import io.tinykube.runtime.logs.LogDirectories;
import io.tinykube.runtime.logs.LogReadOptions;
import io.tinykube.runtime.logs.LogStream;
import io.tinykube.runtime.logs.PodLogRef;
import io.tinykube.runtime.network.PodNetworkRequest;
import io.tinykube.runtime.network.Shell;
import io.tinykube.runtime.network.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's parts used together, for real as root: an image pulled from Debian's docker-registry on
 * loopback, unpacked into a snapshot, run in a pod sandbox on a test bridge, its output in CRI log files.
 */
class PodLifecycleEndToEndTest {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static Path dir;
    private static TestRegistry registry;
    private static TestNode node;
    private static RuntimeConfig config;
    private static NodeRuntime runtime;
    private static String reference;
    private static final CgroupHierarchy HIERARCHY = CgroupHierarchy.detect();
    private static final String CGROUP_ROOT = "tinykube-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Pod> pods = new ArrayList<>();

    @BeforeAll
    static void startRegistryAndNode() throws Exception {
        if (new UnixSystem().getUid() != 0) {
            fail("the end-to-end test runs as root (CI does)");
        }
        dir = Files.createTempDirectory("tk-e2e");
        registry = new TestRegistry(Files.createDirectories(dir.resolve("registry")));
        reference = registry.hostPort() + "/e2e/busybox:1";
        pushBusyboxImage(registry, "e2e/busybox", "1");
        node = TestNode.onHost();
        config = RuntimeConfig.defaults(dir.resolve("data"), node.cidr)
            .withNetwork(node.config)
            .withLogs(new LogDirectories(dir.resolve("pods"), dir.resolve("containers")))
            .withCgroups(new CgroupLayout(CGROUP_ROOT));
        runtime = NodeRuntime.open(config);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try {
            if (runtime != null) {
                for (String id : runtime.supervisor().list()) {
                    runtime.stop(id, Duration.ZERO);
                    runtime.remove(id);
                }
                runtime.close();
            }
        } finally {
            CgroupManager root = HIERARCHY.manager(CGROUP_ROOT);
            if (root.exists()) {
                root.killAll();
                root.remove();
            }
            if (node != null) {
                node.close();
            }
            if (registry != null) {
                registry.close();
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /**
     * Two layers: busybox with a user "app" and /etc/obsolete; then a whiteout of /etc/obsolete and a file in
     * the working directory. Entrypoint, Cmd, Env, WorkingDir and User all set.
     */
    private static void pushBusyboxImage(TestRegistry registry, String repository, String tag) throws Exception {
        byte[] base = tar(tar -> {
            for (String name : List.of("bin/", "etc/", "home/", "home/app/", "tmp/")) {
                TestImages.directory(tar, name);
            }
            TestImages.file(tar, "bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755);
            for (String applet : List.of("sh", "echo", "cat", "ls", "id", "nc", "sleep", "pwd", "httpd")) {
                TestImages.symlink(tar, "bin/" + applet, "busybox");
            }
            TestImages.file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n"
                .getBytes(StandardCharsets.UTF_8), 0644);
            TestImages.file(tar, "etc/group", "root:x:0:\napp:x:1000:\n".getBytes(StandardCharsets.UTF_8), 0644);
            TestImages.file(tar, "etc/obsolete", "old\n".getBytes(StandardCharsets.UTF_8), 0644);
        });
        byte[] top = tar(tar -> {
            TestImages.file(tar, "etc/.wh.obsolete", new byte[0], 0644);
            TestImages.file(tar, "home/app/message", "from the second layer\n".getBytes(StandardCharsets.UTF_8), 0644);
        });
        Platform platform = Platform.detect();
        ObjectNode imageConfig = new ObjectMapper().createObjectNode();
        imageConfig.put("architecture", platform.architecture());
        imageConfig.put("os", platform.os());
        if (!platform.variant().isEmpty()) {
            imageConfig.put("variant", platform.variant());
        }
        ObjectNode c = imageConfig.putObject("config");
        c.putArray("Env").add("PATH=/bin").add("GREETING=hello").add("MODE=image");
        c.putArray("Entrypoint").add("/bin/sh").add("-c");
        c.putArray("Cmd").add("echo \"$GREETING from $MODE\"");
        c.put("WorkingDir", "/home/app");
        c.put("User", "app");
        ObjectNode rootfs = imageConfig.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(Digests.of(base)).add(Digests.of(top));
        registry.pushImage(repository, tag, List.of(TestImages.gzip(base), TestImages.gzip(top)),
            new ObjectMapper().writeValueAsBytes(imageConfig));
    }

    private interface TarWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] tar(TarWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            writer.write(tar);
        }
        return bytes.toByteArray();
    }

    private Pod pod(String name) {
        String uid = UUID.randomUUID().toString();
        Pod pod = runtime.runPodSandbox(new PodSandboxRequest(new PodLogRef("e2e", name, uid), QosClass.BEST_EFFORT,
            PodNetworkRequest.of(TestNode.sandboxId(), "e2e", name, "10.43.0.10")));
        pods.add(pod);
        return pod;
    }

    private Image image() throws IOException {
        return runtime.ensureImage(reference, PullPolicy.IF_NOT_PRESENT, Map.of());
    }

    private String run(Pod pod, ContainerRequest request) throws IOException {
        String id = runtime.createContainer(pod, request);
        runtime.start(id);
        return id;
    }

    private static String log(Pod pod, String container, LogReadOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ContainerLogReader(config.logs().containerDirectory(pod.ref(), container), 0).read(options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pulledImageRunsWithItsConfigAndItsOutputLandsInTheCriLog() throws Exception {
        Image image = runtime.ensureImage(reference, PullPolicy.ALWAYS, Map.of());
        assertEquals(2, image.layers().size());
        Pod pod = pod("web");

        String id = run(pod, ContainerRequest.of("main", 0, image)
            .withArgs(List.of("echo \"$GREETING from $MODE\"; pwd; id -u; cat message; "
                + "cat /etc/obsolete 2>/dev/null || echo obsolete is gone; echo oops >&2"))
            .withEnv(List.of("MODE=pod")));
        ContainerState state = runtime.waitForExit(id, EXIT_TIMEOUT);

        assertEquals(ContainerStatus.STOPPED, state.status());
        assertEquals(0, state.exit().orElseThrow().code());
        assertEquals("Completed", state.exit().orElseThrow().reason().kubernetesName());
        Path logFile = dir.resolve("pods/e2e_web_" + pod.ref().uid() + "/main/0.log");
        List<String> records = Files.readAllLines(logFile);
        assertTrue(records.stream().anyMatch(r -> r.matches("\\S+ stdout F hello from pod")), records.toString());
        assertTrue(records.stream().anyMatch(r -> r.matches("\\S+ stderr F oops")), records.toString());
        // The two streams are pumped apart: their relative order is not kept, each stream's is.
        LogReadOptions stdout = LogReadOptions.defaults().withStreams(Set.of(LogStream.STDOUT));
        assertEquals("hello from pod\n/home/app\n1000\nfrom the second layer\nobsolete is gone\n", log(pod, "main", stdout));
        assertEquals("oops\n", log(pod, "main", LogReadOptions.defaults().withStreams(Set.of(LogStream.STDERR))));
        String tail = log(pod, "main", stdout.withTailLines(2).withTimestamps(true));
        assertTrue(tail.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z from the second layer\n"
            + "\\S+Z obsolete is gone\n"), tail);
        assertTrue(Files.isSymbolicLink(config.logs().symlink(pod.ref(), "main", id)));
    }

    @Test
    void containersOfAPodMeetOnLocalhostAndTheHostReachesThePodOverTheBridge() throws Exception {
        Pod pod = pod("pair");
        // The server hands the connection to a shell (its own nc, reading /dev/null, would shut the socket's
        // write side at once, and a client seeing that EOF before its input may close without sending).
        String server = run(pod, ContainerRequest.of("server", 0, image()).withArgs(List.of(
            "nc -l -p 9000 -e /bin/sh -c 'read line; echo \"$line\" >&2'")));
        String client = run(pod, ContainerRequest.of("client", 0, image()).withArgs(List.of(
            "for i in 1 2 3 4 5 6 7 8 9 10; do echo over localhost | nc 127.0.0.1 9000 && exit 0; sleep 0.2; done; exit 1")));
        String web = run(pod, ContainerRequest.of("web", 0, image()).withArgs(List.of("httpd -f -p 8080 -h /home/app")));

        assertEquals(0, runtime.waitForExit(client, EXIT_TIMEOUT).exit().orElseThrow().code());
        assertEquals(0, runtime.waitForExit(server, EXIT_TIMEOUT).exit().orElseThrow().code());
        assertEquals("over localhost\n", log(pod, "server", LogReadOptions.defaults()));
        String podIp = pod.network().ip().orElseThrow().getHostAddress();
        Shell.Result fromHost = Shell.eventually("curl", "-sf", "--max-time", "2", "http://" + podIp + ":8080/message");
        assertTrue(fromHost.ok(), fromHost.output());
        assertEquals("from the second layer\n", fromHost.output());
        runtime.stop(web, Duration.ofSeconds(1));
    }

    @Test
    void failingCommandRecordsItsExitCodeAndRemovalLeavesNothingBehind() throws Exception {
        Pod pod = pod("failing");
        String id = run(pod, ContainerRequest.of("main", 0, image()).withCommand(List.of("/bin/sh", "-c", "exit 3")));

        ExitStatus exit = runtime.waitForExit(id, EXIT_TIMEOUT).exit().orElseThrow();
        assertEquals(3, exit.code());
        assertEquals("Error", exit.reason().kubernetesName());

        runtime.remove(id);
        runtime.removePodSandbox(pod);
        pods.remove(pod);
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains(id), mounts);
        assertFalse(mounts.contains(pod.sandboxId()), mounts);
        assertFalse(Files.exists(pod.network().netns().orElseThrow()));
        assertFalse(HIERARCHY.manager(pod.cgroupPath()).exists());
        AgentDirectories dirs = config.directories();
        for (Path state : List.of(dirs.containers().resolve(id), dirs.containerIo().resolve(id),
                dirs.snapshots().resolve("snapshots").resolve(id), pod.namespaces().ipcns(), pod.namespaces().utsns(),
                config.logs().podDirectory(pod.ref()), config.logs().symlink(pod.ref(), "main", id))) {
            assertFalse(Files.exists(state, java.nio.file.LinkOption.NOFOLLOW_LINKS), state + " is left");
        }
        assertFalse(runtime.network().sandboxIds().contains(pod.sandboxId()));
    }

    @Test
    void outputWrittenWhileTheAgentIsAwayReachesTheLogOnceItIsBack() throws Exception {
        Pod pod = pod("restart");
        String id = run(pod, ContainerRequest.of("main", 0, image()).withArgs(List.of(
            "i=0; while [ $i -lt 40 ]; do echo line-$i; i=$((i+1)); sleep 0.025; done")));
        Thread.sleep(200);

        runtime.close();
        Thread.sleep(300);
        runtime = NodeRuntime.open(config);
        ContainerState state = runtime.waitForExit(id, EXIT_TIMEOUT);

        assertEquals(0, state.exit().orElseThrow().code());
        assertEquals(IntStream.range(0, 40).mapToObj(i -> "line-" + i + "\n").reduce("", String::concat),
            log(pod, "main", LogReadOptions.defaults()));
    }

    @org.junit.jupiter.api.AfterEach
    void removePods() throws Exception {
        for (String id : runtime.supervisor().list()) {
            runtime.stop(id, Duration.ZERO);
            runtime.remove(id);
        }
        for (Pod pod : pods) {
            runtime.removePodSandbox(pod);
        }
    }
}
