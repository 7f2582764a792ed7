package io.tinykube.bench.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.runtime.cgroup.CgroupHierarchy;
import io.tinykube.runtime.container.ContainerSpec;
import io.tinykube.runtime.container.ContainerSupervisor;
import io.tinykube.runtime.container.ExitStatus;
import io.tinykube.runtime.container.PodSandbox;
import io.tinykube.runtime.container.SeccompProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * bench/runtime/run: start-to-exit of /bin/true in a new container, and a pod sandbox set up and torn down,
 * with tinykube's runtime, runc and crun on the same busybox root filesystem, median and p90 over N runs.
 *
 * <p>crun refuses this machine's hybrid cgroup layout (an empty cgroup2 at /sys/fs/cgroup/unified), so it runs
 * through {@code nsenter --mount=} into a persistent mount namespace where that mount is gone; the cost of
 * that nsenter alone is measured and shown, and subtracted in the "crun (net)" row.
 */
public final class RuntimeBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final Path rootfs;
    private final int runs;

    private RuntimeBench(Path work, int runs) throws IOException {
        this.work = work;
        this.runs = runs;
        this.rootfs = work.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        for (String applet : List.of("true", "sh", "sleep")) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = 50;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            }
        }
        Path work = Files.createTempDirectory("tinykube-runtime-bench");
        try {
            new RuntimeBench(work, runs).run();
        } finally {
            deleteRecursively(work);
        }
    }

    private void run() throws Exception {
        CgroupHierarchy hierarchy = CgroupHierarchy.detect();
        ContainerSupervisor supervisor = new ContainerSupervisor(work.resolve("state"), hierarchy);
        String cgroupRoot = "tinykube-bench-" + ProcessHandle.current().pid();
        Path crunNamespace = crunMountNamespace();
        Path runcBundle = bundle("runc", List.of("/bin/true"));
        Path sandboxBundle = bundle("sandbox", List.of("/bin/sleep", "3600"));
        List<Row> rows = new ArrayList<>();
        try {
            int[] counter = {0};
            rows.add(measure("tinykube", "container /bin/true", () -> {
                String id = "c" + counter[0]++;
                supervisor.create(ContainerSpec.builder(id, rootfs, cgroupRoot + "/" + id, List.of("/bin/true")).build());
                supervisor.start(id);
                ExitStatus exit = supervisor.waitForExit(id, Duration.ofSeconds(30)).exit().orElseThrow();
                supervisor.delete(id);
                if (exit.code() != 0) {
                    throw new IllegalStateException("/bin/true exited " + exit.code());
                }
            }));
            rows.add(measure("tinykube (Unconfined)", "container /bin/true", () -> {
                String id = "u" + counter[0]++;
                supervisor.create(ContainerSpec.builder(id, rootfs, cgroupRoot + "/" + id, List.of("/bin/true"))
                    .seccomp(SeccompProfile.UNCONFINED).build());
                supervisor.start(id);
                supervisor.waitForExit(id, Duration.ofSeconds(30));
                supervisor.delete(id);
            }));
            rows.add(measure("runc", "container /bin/true",
                () -> exec(List.of("runc", "run", "--bundle", runcBundle.toString(), "r" + counter[0]++))));
            rows.add(measure("crun (raw)", "container /bin/true", () -> exec(List.of("nsenter", "--mount=" + crunNamespace,
                "crun", "run", "--bundle", runcBundle.toString(), "k" + counter[0]++))));
            Row nsenter = measure("nsenter --mount alone", "container /bin/true",
                () -> exec(List.of("nsenter", "--mount=" + crunNamespace, "/bin/true")));
            rows.add(nsenter);
            rows.add(rows.get(3).minus("crun (net)", nsenter));

            Path sandboxes = Files.createDirectories(work.resolve("sandboxes"));
            rows.add(measure("tinykube", "pod sandbox up + down", () -> {
                String id = "s" + counter[0]++;
                PodSandbox sandbox = PodSandbox.create(sandboxes, id, id);
                Path netns = sandboxes.resolve(id + ".net");
                createFile(netns);
                exec(List.of("/bin/busybox", "unshare", "--net=" + netns, "/bin/busybox", "ip", "link", "set", "lo", "up"));
                exec(List.of("/bin/busybox", "umount", "-l", netns.toString()));
                deleteFile(netns);
                sandbox.remove();
            }));
            rows.add(measure("runc", "pod sandbox up + down", () -> {
                String id = "rs" + counter[0]++;
                exec(List.of("runc", "run", "--detach", "--bundle", sandboxBundle.toString(), id));
                exec(List.of("runc", "delete", "--force", id));
            }));
            rows.add(measure("crun (raw)", "pod sandbox up + down", () -> {
                String id = "ks" + counter[0]++;
                exec(List.of("nsenter", "--mount=" + crunNamespace, "crun", "run", "--detach", "--bundle",
                    sandboxBundle.toString(), id));
                exec(List.of("nsenter", "--mount=" + crunNamespace, "crun", "delete", "--force", id));
            }));
            rows.add(rows.get(rows.size() - 1).minus("crun (net)", nsenter).minus("crun (net)", nsenter));
        } finally {
            hierarchy.manager(cgroupRoot).remove();
            exec(List.of("umount", "-l", crunNamespace.toString()));
            exec(List.of("umount", "-l", crunNamespace.getParent().toString()));
        }
        print(rows);
    }

    private void print(List<Row> rows) {
        System.out.printf("%d runs each; times in ms%n%n", runs);
        System.out.println("| what | runtime | median | p90 | median vs tinykube |");
        System.out.println("|---|---|---|---|---|");
        for (Row row : rows) {
            Row ours = rows.stream().filter(r -> r.what.equals(row.what) && r.runtime.equals("tinykube")).findFirst().orElse(row);
            System.out.printf("| %s | %s | %.1f | %.1f | %.2f |%n", row.what, row.runtime, row.median, row.p90,
                row.median / ours.median);
        }
    }

    private record Row(String runtime, String what, double median, double p90) {
        Row minus(String name, Row overhead) {
            return new Row(name, what, median - overhead.median, p90 - overhead.median);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /** A few warm-up runs (JIT, page cache), then {@code runs} timed ones. */
    private Row measure(String runtime, String what, Action action) throws Exception {
        for (int i = 0; i < 5; i++) {
            action.run();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long begin = System.nanoTime();
            action.run();
            millis.add((System.nanoTime() - begin) / 1e6);
        }
        Collections.sort(millis);
        Row row = new Row(runtime, what, millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.9) - 1));
        System.err.printf("%s %s: median %.1f ms, p90 %.1f ms%n", runtime, what, row.median, row.p90);
        return row;
    }

    /** An OCI bundle from {@code runc spec} over the shared rootfs, not read-only, without a terminal. */
    private Path bundle(String name, List<String> args) throws Exception {
        Path bundle = Files.createDirectories(work.resolve("bundle-" + name));
        Process spec = new ProcessBuilder("runc", "spec").directory(bundle.toFile()).inheritIO().start();
        if (spec.waitFor() != 0) {
            throw new IllegalStateException("runc spec failed");
        }
        ObjectNode config = (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());
        config.with("root").put("path", rootfs.toString()).put("readonly", false);
        ObjectNode process = config.with("process");
        process.put("terminal", false);
        process.putArray("args").addAll(args.stream().map(JSON.getNodeFactory()::textNode).toList());
        if (!name.equals("sandbox")) {
            // Host network, like tinykube's container here (a pod's network is the sandbox's business).
            ArrayNode namespaces = (ArrayNode) config.with("linux").get("namespaces");
            for (int i = namespaces.size() - 1; i >= 0; i--) {
                if (namespaces.get(i).get("type").asText().equals("network")) {
                    namespaces.remove(i);
                }
            }
        }
        JSON.writeValue(bundle.resolve("config.json").toFile(), config);
        return bundle;
    }

    /** A persistent mount namespace without /sys/fs/cgroup/unified, which crun cannot handle here. */
    private Path crunMountNamespace() throws Exception {
        // A mount namespace file must live on a private mount, or the bind would propagate into itself.
        Path dir = Files.createDirectories(work.resolve("ns"));
        exec(List.of("mount", "--bind", dir.toString(), dir.toString()));
        exec(List.of("mount", "--make-private", dir.toString()));
        Path file = dir.resolve("crun-mntns");
        createFile(file);
        exec(List.of("unshare", "--mount=" + file, "sh", "-c",
            "umount /sys/fs/cgroup/unified 2>/dev/null || true"));
        return file;
    }

    private static void exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        int code = process.waitFor();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code);
        }
    }

    private static void createFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }

    private static void deleteFile(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
