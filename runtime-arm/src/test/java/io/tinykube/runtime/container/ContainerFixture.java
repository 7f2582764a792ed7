package io.tinykube.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.security.auth.module.UnixSystem;
import io.tinykube.runtime.cgroup.CgroupHierarchy;
import io.tinykube.runtime.cgroup.CgroupManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A busybox root filesystem, a supervisor over a temporary state directory and a unique cgroup root; close()
 * stops and deletes every container and removes the cgroups. Tests run for real, as root.
 */
final class ContainerFixture implements AutoCloseable {
    static final List<String> APPLETS = List.of("sh", "cat", "echo", "ls", "id", "hostname", "grep", "sleep",
        "true", "touch", "mkdir", "head", "unshare", "dd", "tail", "wc", "ip", "nc", "kill", "readlink");

    final Path dir;
    final Path rootfs;
    final Path state;
    final CgroupHierarchy hierarchy = CgroupHierarchy.detect();
    final String cgroupRoot = "tinykube-test-" + UUID.randomUUID().toString().substring(0, 8);
    ContainerSupervisor supervisor;
    private final List<ContainerSupervisor> supervisors = new ArrayList<>();

    ContainerFixture() throws IOException {
        if (new UnixSystem().getUid() != 0) {
            fail("container tests run as root (CI does)");
        }
        dir = Files.createTempDirectory("tk-container-test");
        rootfs = busyboxRootfs(dir.resolve("rootfs"));
        state = dir.resolve("state");
        supervisor = newSupervisor();
    }

    /** A fresh supervisor over the same state, as an agent after a restart. */
    ContainerSupervisor newSupervisor() {
        ContainerSupervisor created = new ContainerSupervisor(state, hierarchy);
        supervisors.add(created);
        return created;
    }

    static Path busyboxRootfs(Path root) throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("tmp"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
            + "app:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\napp:x:1000:\nwheel:x:10:app\nvideo:x:44:app,root\n"
            + "staff:x:50:\n");
        return root;
    }

    ContainerSpec.Builder spec(String id, String script) {
        return ContainerSpec.builder(id, rootfs, cgroupRoot + "/" + id, List.of("/bin/sh", "-c", script))
            .stdout(dir.resolve(id + ".out")).stderr(dir.resolve(id + ".err"));
    }

    /** Creates, starts and waits for a container; returns its exit status. */
    ExitStatus run(ContainerSpec spec) {
        supervisor.create(spec);
        supervisor.start(spec.id());
        ContainerState state = supervisor.waitForExit(spec.id(), Duration.ofSeconds(30));
        assertEquals(ContainerStatus.STOPPED, state.status(), "container " + spec.id() + " still running");
        return state.exit().orElseThrow();
    }

    /** Runs the container and returns its standard output, failing with its stderr on a non-zero exit. */
    String output(ContainerSpec spec) throws IOException {
        ExitStatus exit = run(spec);
        String out = Files.readString(spec.stdout());
        if (exit.code() != 0) {
            fail("container " + spec.id() + " exited " + exit.code() + ": " + Files.readString(spec.stderr()) + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        for (ContainerSupervisor each : supervisors) {
            for (String id : each.list()) {
                try {
                    each.stop(id, Duration.ZERO);
                    each.delete(id);
                } catch (ContainerException alreadyGone) {
                    // deleted through another supervisor over the same state
                }
            }
        }
        CgroupManager root = hierarchy.manager(cgroupRoot);
        if (root.exists()) {
            root.killAll();
            root.remove();
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
