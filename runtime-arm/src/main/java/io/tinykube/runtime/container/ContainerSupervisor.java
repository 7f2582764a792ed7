package io.tinykube.runtime.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tinykube.runtime.cgroup.CgroupHierarchy;
import io.tinykube.runtime.cgroup.CgroupManager;
import io.tinykube.runtime.cgroup.CgroupMode;
import io.tinykube.runtime.cgroup.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Creates, starts, observes and stops containers, keeping everything under {@code <stateDir>/<id>/} so that
 * a new supervisor (the agent after a restart) re-attaches by reading it: {@code spec.json}, {@code cgroup},
 * {@code shim.pid} and {@code init.pid} (pid and kernel start time), {@code started}, and {@code exit}, which
 * the container's shim writes when the workload ends, whether or not any supervisor is alive then.
 *
 * <p>The shim is a busybox sh in its own session, the workload's ancestor: it survives the JVM (agents run
 * with systemd's KillMode=process, as containerd does) and records 128+signal for a killed workload.
 */
public final class ContainerSupervisor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    /** Set-up takes milliseconds: poll often while waiting for it. */
    private static final long POLL_MICROS = 500;

    private final Path stateDir;
    private final CgroupHierarchy hierarchy;
    private final SeccompFilter.Arch arch;
    /** Shims this JVM started: waiting on them beats polling for the exit file. */
    private final Map<String, Process> shims = new ConcurrentHashMap<>();

    public ContainerSupervisor(Path stateDir, CgroupHierarchy hierarchy) {
        this.stateDir = stateDir;
        this.hierarchy = hierarchy;
        this.arch = SeccompFilter.Arch.host();
    }

    /**
     * Records the container and prepares it: its cgroup with the limits in force, mount points in the root
     * filesystem, the launch scripts. Refuses a runAsNonRoot container that would run as uid 0.
     */
    public ContainerState create(ContainerSpec spec) {
        if (spec.runAsNonRoot() && spec.user().uid() == 0) {
            throw new ContainerException("container has runAsNonRoot and image will run as root");
        }
        String program = resolveProgram(spec);
        Path dir = dir(spec.id());
        try {
            Files.createDirectories(stateDir);
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ContainerException("container " + spec.id() + " already exists");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            writeString(dir.resolve("spec.json"), describe(spec));
            writeString(dir.resolve("cgroup"), spec.cgroupPath());
            CgroupManager cgroup = hierarchy.manager(spec.cgroupPath());
            cgroup.create();
            if (!spec.resources().equals(Resources.NONE)) {
                cgroup.apply(spec.resources());
            }
            List<String> command = LaunchScripts.write(spec, dir, cgroupDirs(spec.cgroupPath()), program, arch);
            writeString(dir.resolve("command"), String.join("\0", command));
            List<String> argv = new ArrayList<>(spec.args());
            argv.set(0, program);
            writeString(dir.resolve("cmdline"), String.join("\0", argv) + "\0");
            writeString(dir.resolve("stdout"), spec.stdout().toString());
            writeString(dir.resolve("stderr"), spec.stderr().toString());
        } catch (IOException e) {
            throw new ContainerException("cannot prepare container " + spec.id() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
        return state(spec.id());
    }

    /** Starts a CREATED container; returns once its PID 1 exists (in its cgroup, namespaces being set up). */
    public ContainerState start(String id) {
        Path dir = dir(id);
        ContainerState state = state(id);
        if (state.status() != ContainerStatus.CREATED) {
            throw new ContainerException("container " + id + " is " + state.status() + ", not CREATED");
        }
        List<String> command = List.of(read(dir.resolve("command")).orElseThrow().split("\0"));
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(read(dir.resolve("stdout")).orElseThrow()).toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(Path.of(read(dir.resolve("stderr")).orElseThrow()).toFile()));
        builder.environment().clear();
        Instant startedAt = Instant.now();
        Process shim;
        try {
            shim = builder.start();
        } catch (IOException e) {
            throw new ContainerException("cannot start the shim of " + id + ": " + e.getMessage(), e);
        }
        shims.put(id, shim);
        writeString(dir.resolve("shim.pid"), shim.pid() + " " + processStartTime(shim.pid()).orElse(0));
        writeString(dir.resolve("started"), Long.toString(startedAt.toEpochMilli()));
        byte[] expectedCommandLine = read(dir.resolve("cmdline")).orElseThrow().getBytes(StandardCharsets.UTF_8);
        long initPid = 0;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Optional<String> pid = read(dir.resolve("init.pid")).filter(text -> text.endsWith("\n"));
            if (pid.isPresent() && initPid == 0) {
                initPid = Long.parseLong(pid.get().strip());
                writeString(dir.resolve("init"), initPid + " " + processStartTime(initPid).orElse(0));
            }
            // Return once PID 1 runs the workload, not the set-up: a stop sent earlier would reach a PID 1
            // without signal handlers, which ignores SIGTERM (runc's start also returns after the exec).
            if (initPid != 0 && (!isAlive(initPid) || !runsSetUpTool(initPid) || hasCommandLine(initPid, expectedCommandLine))) {
                break;
            }
            if (!shim.isAlive() || Files.exists(dir.resolve("exit"))) {
                break;
            }
            if (System.nanoTime() > deadline) {
                shim.destroyForcibly();
                throw new ContainerException("container " + id + " did not start within " + START_TIMEOUT);
            }
            sleepMicros(POLL_MICROS);
        }
        return state(id);
    }

    public ContainerState state(String id) {
        Path dir = dir(id);
        if (!Files.isDirectory(dir)) {
            throw new ContainerException("no container " + id);
        }
        Optional<Instant> startedAt = read(dir.resolve("started")).map(s -> Instant.ofEpochMilli(Long.parseLong(s.strip())));
        if (startedAt.isEmpty()) {
            return new ContainerState(id, ContainerStatus.CREATED, OptionalLong.empty(), Optional.empty(), Optional.empty());
        }
        Optional<ExitStatus> exit = exitStatus(dir);
        if (exit.isPresent()) {
            return new ContainerState(id, ContainerStatus.STOPPED, OptionalLong.empty(), startedAt, exit);
        }
        OptionalLong initPid = livePid(dir.resolve("init"));
        if (initPid.isPresent() || livePid(dir.resolve("shim.pid")).isPresent()) {
            return new ContainerState(id, ContainerStatus.RUNNING, initPid, startedAt, Optional.empty());
        }
        // The shim was killed itself (or the machine rebooted): the workload's status is lost. A last look
        // at the exit file, which the shim may have written since.
        exit = exitStatus(dir);
        return new ContainerState(id, ContainerStatus.STOPPED, OptionalLong.empty(), startedAt,
            Optional.of(exit.orElse(new ExitStatus(ExitStatus.UNKNOWN_CODE, ExitStatus.Reason.UNKNOWN, Instant.now()))));
    }

    /** Ids of every container with state on disk. */
    public List<String> list() {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(stateDir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the container is STOPPED or the timeout passes; returns its state either way. */
    public ContainerState waitForExit(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process shim = shims.get(id);
        if (shim != null) {
            try {
                shim.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state(id);
            }
        }
        while (true) {
            ContainerState state = state(id);
            if (state.status() != ContainerStatus.RUNNING || System.nanoTime() > deadline) {
                return state;
            }
            sleepMicros(POLL_MICROS * 20);
        }
    }

    /**
     * SIGTERM to the container's PID 1, SIGKILL once the grace period is over (which ends the whole PID
     * namespace). As with runc, a PID 1 without a TERM handler ignores SIGTERM and runs out the grace period.
     */
    public ContainerState stop(String id, Duration gracePeriod) {
        ContainerState state = state(id);
        if (state.status() != ContainerStatus.RUNNING) {
            return state;
        }
        signal(id, false);
        state = waitForExit(id, gracePeriod);
        if (state.status() == ContainerStatus.RUNNING) {
            signal(id, true);
            state = waitForExit(id, KILL_TIMEOUT);
        }
        return state;
    }

    /** Removes a container that is not running: its cgroup and its state directory. */
    public void delete(String id) {
        ContainerState state = state(id);
        if (state.status() == ContainerStatus.RUNNING) {
            throw new ContainerException("container " + id + " is running; stop it first");
        }
        Path dir = dir(id);
        read(dir.resolve("cgroup")).ifPresent(path -> hierarchy.manager(path.strip()).remove());
        shims.remove(id);
        deleteRecursively(dir);
    }

    private void signal(String id, boolean kill) {
        livePid(dir(id).resolve("init")).ifPresent(pid -> ProcessHandle.of(pid).ifPresent(handle -> {
            if (kill) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        }));
    }

    private Optional<ExitStatus> exitStatus(Path dir) {
        Path file = dir.resolve("exit");
        Optional<String> text = read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int code = Integer.parseInt(text.get().strip());
        Instant finishedAt;
        try {
            finishedAt = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            finishedAt = Instant.now();
        }
        ExitStatus.Reason reason;
        if (code == 0) {
            reason = ExitStatus.Reason.COMPLETED;
        } else if (code == ExitStatus.SIGKILL_CODE && oomKilled(dir)) {
            reason = ExitStatus.Reason.OOM_KILLED;
        } else {
            reason = ExitStatus.Reason.ERROR;
        }
        return Optional.of(new ExitStatus(code, reason, finishedAt));
    }

    private boolean oomKilled(Path dir) {
        Optional<String> path = read(dir.resolve("cgroup"));
        if (path.isEmpty()) {
            return false;
        }
        CgroupManager cgroup = hierarchy.manager(path.get().strip());
        return cgroup.exists() && cgroup.stats().memory().oomKills() > 0;
    }

    /** The container's cgroup directory in each hierarchy PID 1 joins before the workload runs, by mount name. */
    private Map<String, Path> cgroupDirs(String cgroupPath) {
        Map<String, Path> dirs = new TreeMap<>();
        if (hierarchy.mode() == CgroupMode.UNIFIED) {
            dirs.put("", hierarchy.unifiedMount().resolve(cgroupPath));
        } else {
            hierarchy.v1Mounts().values().stream().distinct()
                .forEach(mount -> dirs.put(mount.getFileName().toString(), mount.resolve(cgroupPath)));
        }
        return dirs;
    }

    /** argv[0] looked up in the container's PATH inside its root filesystem, as runc does at exec. */
    private static String resolveProgram(ContainerSpec spec) {
        String name = spec.args().get(0);
        RootfsPaths rootfs = new RootfsPaths(spec.rootfs());
        if (name.contains("/")) {
            String absolute = name.startsWith("/") ? name : spec.workingDir() + "/" + name;
            return absolute;
        }
        String path = spec.env().stream().filter(e -> e.startsWith("PATH=")).map(e -> e.substring(5)).reduce((a, b) -> b)
            .orElse("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String directory : path.split(":")) {
            if (directory.startsWith("/")) {
                String candidate = directory + "/" + name;
                Path host = rootfs.resolve(candidate);
                if (Files.isRegularFile(host) && Files.isExecutable(host)) {
                    return candidate;
                }
            }
        }
        throw new ContainerException("exec: \"" + name + "\": executable file not found in $PATH");
    }

    private static String describe(ContainerSpec spec) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("id", spec.id());
        description.put("rootfs", spec.rootfs().toString());
        description.put("args", spec.args());
        description.put("workingDir", spec.workingDir());
        description.put("uid", spec.user().uid());
        description.put("gid", spec.user().gid());
        description.put("additionalGids", spec.user().additionalGids());
        description.put("capabilities", spec.capabilities());
        description.put("privileged", spec.privileged());
        description.put("noNewPrivileges", spec.noNewPrivileges());
        description.put("readOnlyRootFilesystem", spec.readOnlyRootFilesystem());
        description.put("seccomp", spec.seccomp().name());
        description.put("netns", spec.netns().map(Path::toString).orElse(null));
        description.put("ipcns", spec.ipcns().map(Path::toString).orElse(null));
        description.put("utsns", spec.utsns().map(Path::toString).orElse(null));
        description.put("cgroupPath", spec.cgroupPath());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(description);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid recorded in {@code file} ("pid starttime") if that very process still runs. */
    private static OptionalLong livePid(Path file) {
        Optional<String> text = read(file);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        String[] fields = text.get().strip().split(" ");
        long pid = Long.parseLong(fields[0]);
        OptionalLong startTime = processStartTime(pid);
        boolean same = startTime.isPresent() && (fields.length < 2 || Long.parseLong(fields[1]) == startTime.getAsLong());
        return same && !isZombie(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    /** Field 22 of /proc/PID/stat: start time in clock ticks since boot, telling a reused pid apart. */
    private static OptionalLong processStartTime(long pid) {
        return statFields(pid).map(fields -> OptionalLong.of(Long.parseLong(fields[19]))).orElse(OptionalLong.empty());
    }

    private static boolean hasCommandLine(long pid, byte[] expected) {
        try {
            return Arrays.equals(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), expected);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the process still executes one of the host's set-up tools rather than the container's program. */
    private static boolean runsSetUpTool(long pid) {
        Path exe = Path.of("/proc", Long.toString(pid), "exe");
        try {
            return Files.isSameFile(exe, Path.of(LaunchScripts.BUSYBOX)) || Files.isSameFile(exe, Path.of(SeccompFilter.PERL));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isAlive(long pid) {
        return !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        return statFields(pid).map(fields -> fields[0].equals("Z")).orElse(true);
    }

    /** The fields after "pid (comm) ", so field 3 (state) is index 0. */
    private static Optional<String[]> statFields(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return Optional.empty(); // gone, possibly between open and read (ESRCH)
        }
        return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
    }

    private Path dir(String id) {
        if (!ContainerSpec.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a usable container id: " + id);
        }
        return stateDir.resolve(id);
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written aside and renamed, so a reader never sees half a file. */
    private static void writeString(Path file, String text) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, text);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepMicros(long micros) {
        try {
            Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted", e);
        }
    }
}
