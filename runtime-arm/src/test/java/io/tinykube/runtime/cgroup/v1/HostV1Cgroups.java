package io.tinykube.runtime.cgroup.v1;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.cgroup.CgroupHierarchy;
import io.tinykube.runtime.cgroup.CgroupLayout;
import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.CgroupMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The host's real v1 hierarchies (legacy or hybrid, as in CI) under a unique root per test, with the
 * processes the test starts; {@link #close()} kills and removes everything.
 */
final class HostV1Cgroups implements AutoCloseable {

    final CgroupHierarchy hierarchy = CgroupHierarchy.detect();
    final CgroupLayout layout = new CgroupLayout("tinykube-test-" + UUID.randomUUID().toString().substring(0, 8));
    private final List<Process> processes = new ArrayList<>();

    HostV1Cgroups() {
        assertTrue(hierarchy.mode() == CgroupMode.LEGACY || hierarchy.mode() == CgroupMode.HYBRID,
                "these tests need cgroup v1 hierarchies, found " + hierarchy.mode());
    }

    CgroupManager manager(String path) {
        return hierarchy.manager(path);
    }

    /** A process that waits for a line on stdin before running {@code script}, so it can be moved first. */
    Process startWaiting(String script) throws IOException {
        Process process = new ProcessBuilder("/bin/busybox", "sh", "-c", "read go; " + script)
                .redirectErrorStream(true).start();
        processes.add(process);
        return process;
    }

    static void release(Process process) throws IOException {
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
    }

    /** The cgroup's directory in each mounted hierarchy. */
    List<Path> directories(String path) {
        return hierarchy.v1Mounts().values().stream().distinct().map(mount -> mount.resolve(path)).toList();
    }

    Path directory(String controller, String path) {
        return hierarchy.v1Mounts().get(controller).resolve(path);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }

    @Override
    public void close() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        CgroupManager root = manager(layout.root());
        if (root.exists()) {
            root.killAll();
            root.remove();
        }
    }
}
