package io.tinykube.runtime.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the files that launch one container and returns the command that runs them. The JVM cannot enter
 * namespaces, and no single stock tool both switches root and sets uid, groups, capabilities and no_new_privs
 * without a user namespace (bwrap always sets no_new_privs and needs a user namespace for --uid), so the
 * launch is a short chain of exec'd tools, busybox (static, cheap to start) where it can:
 *
 * <pre>
 * busybox setsid busybox sh shim.sh            the shim: the workload's ancestor, records its exit status
 *  └ busybox setpriv --inh-caps +setup caps    carry the capabilities set-up needs past the bounding set
 *    busybox nsenter --net --ipc --uts FILE    join the pod's namespaces (when there are some)
 *    setpriv --regid --groups --bounding-set   util-linux: groups and the container's bounding set
 *    busybox unshare --pid --mount --fork      new pid and mount (and uts, ipc) namespaces; waits, exits
 *     └ busybox sh init.sh  (PID 1)             as 128+signal when the child is killed (util-linux does not)
 *         joins its cgroup, mount -a --fstab (one process for every mount), device nodes,
 *         [perl seccomp loader], pivot_root, then exec env -i, busybox nsenter -S uid (drops capabilities),
 *         busybox setpriv --inh-caps -setup caps [--nnp]  → the workload, still PID 1
 * </pre>
 * After pivot_root only busybox's applets run, re-executed through /proc/self/exe, so nothing of the host
 * needs to be visible in the container.
 */
final class LaunchScripts {
    static final String BUSYBOX = "/bin/busybox";
    static final String UTIL_LINUX_SETPRIV = "/usr/bin/setpriv";
    static final String UTIL_LINUX_MOUNT = "/usr/bin/mount";

    /** What set-up needs beyond the container's own set: mounts, pivot_root, device nodes, the uid switch. */
    private static final List<String> SETUP_CAPABILITIES = List.of("sys_admin", "mknod", "chown", "dac_override",
        "dac_read_search", "fowner", "setuid", "setgid");
    private static final List<String> DEVICES = List.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random",
        "/dev/urandom", "/dev/tty");
    /** runc's defaults (libcontainer/specconv/example.go). */
    static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
        "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
        "/sys/firmware", "/sys/devices/virtual/powercap");
    static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
        "/proc/sysrq-trigger");

    private LaunchScripts() {
    }

    /**
     * Prepares mount points in the root filesystem and writes fstab, init.sh, shim.sh (and seccomp.bpf) into
     * {@code stateDir}; returns the shim's command line.
     *
     * @param cgroupDirs the container's cgroup directory in every hierarchy it must join, by the name it has
     *                   under /sys/fs/cgroup in the container ("memory", "cpu,cpuacct"; "" for cgroup v2)
     * @param program    argv[0] resolved to an absolute path inside the container
     */
    static List<String> write(ContainerSpec spec, Path stateDir, Map<String, Path> cgroupDirs, String program,
            SeccompFilter.Arch arch) throws IOException {
        RootfsPaths rootfs = new RootfsPaths(spec.rootfs());
        Path root = spec.rootfs();
        Path proc = rootfs.createDirectories("/proc");
        Path sys = rootfs.createDirectories("/sys");
        Path dev = rootfs.createDirectories("/dev");
        rootfs.createDirectories(spec.workingDir());

        StringBuilder fstab = new StringBuilder();
        fstabLine(fstab, root.toString(), root, "none", spec.readOnlyRootFilesystem() ? "bind,ro" : "bind");
        fstabLine(fstab, "proc", proc, "proc", "nosuid,noexec,nodev");
        fstabLine(fstab, "sysfs", sys, "sysfs", (spec.privileged() ? "rw" : "ro") + ",nosuid,noexec,nodev");
        fstabLine(fstab, "tmpfs", dev, "tmpfs", "nosuid,strictatime,mode=755,size=65536k");
        fstabLine(fstab, "devpts", dev.resolve("pts"), "devpts",
            "X-mount.mkdir,newinstance,ptmxmode=0666,mode=0620,gid=5,nosuid,noexec");
        fstabLine(fstab, "shm", dev.resolve("shm"), "tmpfs", "X-mount.mkdir,nosuid,noexec,nodev,mode=1777,size=65536k");
        fstabLine(fstab, "mqueue", dev.resolve("mqueue"), "mqueue", "X-mount.mkdir,nosuid,noexec,nodev");
        // The container's own cgroups, read-only, where runc puts them (JVMs and others read their limits there).
        Path cgroupMount = sys.resolve("fs/cgroup");
        if (cgroupDirs.containsKey("")) {
            fstabLine(fstab, cgroupDirs.get("").toString(), cgroupMount, "none", (spec.privileged() ? "bind" : "bind,ro"));
        } else {
            fstabLine(fstab, "tmpfs", cgroupMount, "tmpfs", "nosuid,nodev,noexec,mode=755,size=64k");
            cgroupDirs.forEach((name, hostDir) -> fstabLine(fstab, hostDir.toString(), cgroupMount.resolve(name),
                "none", "X-mount.mkdir," + (spec.privileged() ? "bind" : "bind,ro")));
        }
        for (ContainerMount mount : spec.mounts()) {
            if (mount.kind() == ContainerMount.Kind.BIND) {
                if (!Files.exists(mount.source())) {
                    throw new ContainerException("the source of the mount at " + mount.destination()
                        + " does not exist: " + mount.source());
                }
                Path target = Files.isDirectory(mount.source())
                    ? rootfs.createDirectories(mount.destination()) : rootfs.createFile(mount.destination());
                fstabLine(fstab, mount.source().toString(), target, "none", mount.readOnly() ? "rbind,ro" : "rbind");
            } else {
                Path target = rootfs.createDirectories(mount.destination());
                String size = mount.sizeBytes().isPresent() ? ",size=" + mount.sizeBytes().getAsLong() : "";
                fstabLine(fstab, "tmpfs", target, "tmpfs", "nosuid,nodev" + (mount.readOnly() ? ",ro" : "") + size);
            }
        }
        if (!spec.privileged()) {
            for (String path : MASKED_PATHS) {
                Path host = Path.of(path);
                Path target = path.startsWith("/proc/") ? proc.resolve(path.substring("/proc/".length()))
                    : sys.resolve(path.substring("/sys/".length()));
                if (Files.isDirectory(host)) {
                    fstabLine(fstab, "tmpfs", target, "tmpfs", "ro,nosuid,nodev,noexec");
                } else if (Files.exists(host)) {
                    fstabLine(fstab, "/dev/null", target, "none", "bind");
                }
            }
            for (String path : READONLY_PATHS) {
                if (Files.exists(Path.of(path))) {
                    Path target = proc.resolve(path.substring("/proc/".length()));
                    fstabLine(fstab, target.toString(), target, "none", "bind,ro");
                }
            }
        }
        Files.writeString(stateDir.resolve("fstab"), fstab);

        Path devLinks = Files.createDirectories(stateDir.resolve("dev"));
        List<String> devEntries = new ArrayList<>(DEVICES);
        for (String[] link : new String[][] {{"fd", "/proc/self/fd"}, {"stdin", "/proc/self/fd/0"},
                {"stdout", "/proc/self/fd/1"}, {"stderr", "/proc/self/fd/2"}, {"ptmx", "pts/ptmx"}}) {
            Path linkPath = devLinks.resolve(link[0]);
            Files.deleteIfExists(linkPath);
            Files.createSymbolicLink(linkPath, Path.of(link[1]));
            devEntries.add(linkPath.toString());
        }

        boolean ownUts = spec.utsns().isEmpty();
        boolean seccomp = spec.seccomp() == SeccompProfile.RUNTIME_DEFAULT;
        Set<String> setupCaps = new TreeSet<>(SETUP_CAPABILITIES);
        if (spec.privileged()) {
            setupCaps.clear();
        }

        StringBuilder init = new StringBuilder();
        init.append(cgroupDirs.values().stream().map(dir -> "echo 0 > " + quote(dir.resolve("cgroup.procs").toString()))
                .collect(Collectors.joining(" && ")))
            .append(" || { echo 'tinykube: cannot join the container cgroup' >&2; exit 125; }\n");
        // $$ is 1 here; the host's /proc (not yet replaced) tells the host pid the supervisor signals.
        init.append("read -r pid rest < /proc/self/stat && echo $pid > ").append(quote(stateDir.resolve("init.pid").toString())).append('\n');
        if (ownUts) {
            // The shell's own echo, not the hostname applet: one process start less.
            init.append("echo ").append(quote(spec.hostname())).append(" > /proc/sys/kernel/hostname || exit 125\n");
        }
        init.append(UTIL_LINUX_MOUNT).append(" -a --fstab ").append(quote(stateDir.resolve("fstab").toString()))
            .append(" || { echo 'tinykube: mounting the container filesystems failed' >&2; exit 125; }\n");
        init.append("cp -a ").append(devEntries.stream().map(LaunchScripts::quote).collect(Collectors.joining(" ")))
            .append(' ').append(quote(dev.toString())).append(" || exit 125\n");

        StringBuilder enter = new StringBuilder();
        enter.append("cd ").append(quote(root.toString()))
            .append(" && pivot_root . . && umount -l . || { echo 'tinykube: pivot_root failed' >&2; exit 125; }\n");
        enter.append("cd ").append(quote(spec.workingDir()))
            .append(" || { echo 'tinykube: cannot enter the working directory' >&2; exit 128; }\n");
        enter.append("exec env -i");
        for (String entry : spec.env()) {
            enter.append(' ').append(quote(entry));
        }
        if (spec.user().uid() != 0) {
            enter.append(" nsenter -S ").append(spec.user().uid());
        }
        enter.append(" setpriv");
        if (!setupCaps.isEmpty()) {
            enter.append(" --inh-caps ").append(setupCaps.stream().map(c -> "-" + c).collect(Collectors.joining(",")));
        }
        if (spec.noNewPrivileges()) {
            enter.append(" --nnp");
        }
        enter.append(" -- ").append(quote(program));
        for (String arg : spec.args().subList(1, spec.args().size())) {
            enter.append(' ').append(quote(arg));
        }
        enter.append('\n');

        if (seccomp) {
            Files.write(stateDir.resolve("seccomp.bpf"), SeccompFilter.runtimeDefault(arch, spec.capabilities()));
            Files.writeString(stateDir.resolve("enter.sh"), enter);
            init.append("exec");
            for (String word : SeccompFilter.loader(arch)) {
                init.append(' ').append(quote(word));
            }
            init.append(' ').append(quote(stateDir.resolve("seccomp.bpf").toString())).append(' ').append(BUSYBOX)
                .append(" sh ").append(quote(stateDir.resolve("enter.sh").toString())).append('\n');
        } else {
            init.append(enter);
        }
        Files.writeString(stateDir.resolve("init.sh"), init);

        List<String> chain = new ArrayList<>();
        if (!setupCaps.isEmpty()) {
            chain.addAll(List.of(BUSYBOX, "setpriv", "--inh-caps",
                setupCaps.stream().map(c -> "+" + c).collect(Collectors.joining(","))));
        }
        List<String> joins = new ArrayList<>();
        spec.netns().ifPresent(file -> joins.add("--net=" + file));
        spec.ipcns().ifPresent(file -> joins.add("--ipc=" + file));
        spec.utsns().ifPresent(file -> joins.add("--uts=" + file));
        if (!joins.isEmpty()) {
            chain.addAll(List.of(BUSYBOX, "nsenter"));
            chain.addAll(joins);
        }
        chain.addAll(List.of(UTIL_LINUX_SETPRIV, "--regid", Long.toString(spec.user().gid())));
        chain.addAll(spec.user().additionalGids().isEmpty() ? List.of("--clear-groups")
            : List.of("--groups", spec.user().additionalGids().stream().map(String::valueOf)
                .collect(Collectors.joining(","))));
        if (!spec.privileged()) {
            chain.addAll(List.of("--bounding-set", "-all" + spec.capabilities().stream().map(c -> ",+" + c)
                .collect(Collectors.joining())));
        }
        chain.addAll(List.of(BUSYBOX, "unshare", "--pid", "--mount", "--fork", "--propagation", "private"));
        if (ownUts) {
            chain.add("--uts");
        }
        if (spec.ipcns().isEmpty()) {
            chain.add("--ipc");
        }
        chain.addAll(List.of(BUSYBOX, "sh", stateDir.resolve("init.sh").toString()));

        String exitFile = quote(stateDir.resolve("exit").toString());
        String exitTemp = quote(stateDir.resolve("exit.tmp").toString());
        String shim = "trap : TERM INT HUP\n"
            // Output going to FIFOs (the log writer's) is held open for reading too, as containerd's shim does:
            // while no agent reads them the workload's writes wait in the pipe instead of failing with EPIPE.
            + "[ -p /dev/stdout ] && exec 3<>/dev/stdout\n"
            + "[ -p /dev/stderr ] && exec 4<>/dev/stderr\n"
            // A trap (not an ignore, which exec would pass on) keeps the shim alive; wait returns early on a
            // trapped signal, so wait again while the child lives.
            + chain.stream().map(LaunchScripts::quote).collect(Collectors.joining(" ")) + " </dev/null 3>&- 4>&- &\n"
            + "child=$!\n"
            + "while :; do wait $child; code=$?; kill -0 $child 2>/dev/null || break; done\n"
            + "echo $code > " + exitTemp + " && mv " + exitTemp + " " + exitFile + "\n";
        Files.writeString(stateDir.resolve("shim.sh"), shim);
        return List.of(BUSYBOX, "setsid", BUSYBOX, "sh", stateDir.resolve("shim.sh").toString());
    }

    /** Single-quoted for sh: the only character needing care inside is the quote itself. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** fstab fields escape whitespace and backslashes as octal, as getmntent reads them. */
    private static void fstabLine(StringBuilder fstab, String source, Path target, String type, String options) {
        fstab.append(escape(source)).append(' ').append(escape(target.toString())).append(' ').append(type)
            .append(' ').append(options).append(" 0 0\n");
    }

    private static String escape(String field) {
        if (field.indexOf('\n') >= 0) {
            throw new ContainerException("a path with a newline cannot be mounted: " + field);
        }
        StringBuilder out = new StringBuilder();
        for (char c : field.toCharArray()) {
            switch (c) {
                case ' ' -> out.append("\\040");
                case '\t' -> out.append("\\011");
                case '\\' -> out.append("\\134");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
