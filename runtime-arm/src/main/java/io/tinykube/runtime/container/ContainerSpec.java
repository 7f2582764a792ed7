package io.tinykube.runtime.container;

import io.tinykube.runtime.cgroup.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything needed to run one container process, already resolved by the caller (entrypoint + cmd joined,
 * user made numeric with {@link UserResolver}, capabilities with {@link Capabilities#resolve}).
 *
 * @param rootfs      the prepared root filesystem (a snapshot's mount point or directory)
 * @param args        argv; the first is looked up in the container's PATH when not absolute
 * @param env         "NAME=value" entries, the whole environment of the process
 * @param hostname    the UTS name of a container with its own UTS namespace; ignored when it joins the pod's
 * @param netns       the pod's network namespace file; empty = the host's network
 * @param ipcns       the pod's IPC namespace file ({@link PodSandbox}); empty = a new one for this container
 * @param utsns       the pod's UTS namespace file; empty = a new one, named {@code hostname}
 * @param cgroupPath  the container's cgroup, relative to the hierarchy root; limits are written before start
 * @param stdout      where the process's standard output goes (appended): a file or a FIFO the log writer reads
 */
public record ContainerSpec(
        String id,
        Path rootfs,
        List<String> args,
        List<String> env,
        String workingDir,
        ContainerUser user,
        boolean runAsNonRoot,
        String hostname,
        Set<String> capabilities,
        boolean privileged,
        boolean noNewPrivileges,
        boolean readOnlyRootFilesystem,
        SeccompProfile seccomp,
        List<ContainerMount> mounts,
        Optional<Path> netns,
        Optional<Path> ipcns,
        Optional<Path> utsns,
        String cgroupPath,
        Resources resources,
        Path stdout,
        Path stderr) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public ContainerSpec {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a usable container id: " + id);
        }
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a container needs a command");
        }
        if (!workingDir.startsWith("/")) {
            throw new IllegalArgumentException("the working directory is absolute: " + workingDir);
        }
        for (String entry : env) {
            if (entry.indexOf('=') <= 0) {
                throw new IllegalArgumentException("an environment entry is NAME=value: " + entry);
            }
        }
        args = List.copyOf(args);
        env = List.copyOf(env);
        capabilities = Set.copyOf(new TreeSet<>(capabilities.stream().map(Capabilities::normalize).toList()));
        mounts = List.copyOf(mounts);
    }

    public static Builder builder(String id, Path rootfs, String cgroupPath, List<String> args) {
        return new Builder(id, rootfs, cgroupPath, args);
    }

    /** Defaults: root, "/" as working directory, the default capabilities, RuntimeDefault seccomp. */
    public static final class Builder {
        private final String id;
        private final Path rootfs;
        private final String cgroupPath;
        private final List<String> args;
        private List<String> env = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        private String workingDir = "/";
        private ContainerUser user = ContainerUser.ROOT;
        private boolean runAsNonRoot;
        private String hostname;
        private Set<String> capabilities = Capabilities.DEFAULT;
        private boolean privileged;
        private boolean noNewPrivileges;
        private boolean readOnlyRootFilesystem;
        private SeccompProfile seccomp = SeccompProfile.RUNTIME_DEFAULT;
        private final List<ContainerMount> mounts = new ArrayList<>();
        private Optional<Path> netns = Optional.empty();
        private Optional<Path> ipcns = Optional.empty();
        private Optional<Path> utsns = Optional.empty();
        private Resources resources = Resources.NONE;
        private Path stdout = Path.of("/dev/null");
        private Path stderr = Path.of("/dev/null");

        private Builder(String id, Path rootfs, String cgroupPath, List<String> args) {
            this.id = id;
            this.rootfs = rootfs;
            this.cgroupPath = cgroupPath;
            this.args = args;
            this.hostname = id.length() > 63 ? id.substring(0, 63) : id;
        }

        public Builder env(List<String> value) { env = value; return this; }
        public Builder workingDir(String value) { workingDir = value; return this; }
        public Builder user(ContainerUser value) { user = value; return this; }
        public Builder runAsNonRoot(boolean value) { runAsNonRoot = value; return this; }
        public Builder hostname(String value) { hostname = value; return this; }
        public Builder capabilities(Set<String> value) { capabilities = value; return this; }
        /** All capabilities, no masked or read-only paths, a writable /sys, no seccomp (Kubernetes' privileged). */
        public Builder privileged(boolean value) { privileged = value; return this; }
        public Builder noNewPrivileges(boolean value) { noNewPrivileges = value; return this; }
        public Builder readOnlyRootFilesystem(boolean value) { readOnlyRootFilesystem = value; return this; }
        public Builder seccomp(SeccompProfile value) { seccomp = value; return this; }
        public Builder mount(ContainerMount value) { mounts.add(value); return this; }
        public Builder netns(Path value) { netns = Optional.ofNullable(value); return this; }
        /** Joins the pod's IPC and UTS namespaces (the hostname is then the sandbox's). */
        public Builder sandbox(PodSandbox value) { ipcns = Optional.of(value.ipcns()); utsns = Optional.of(value.utsns()); return this; }
        public Builder resources(Resources value) { resources = value; return this; }
        public Builder stdout(Path value) { stdout = value; return this; }
        public Builder stderr(Path value) { stderr = value; return this; }

        public ContainerSpec build() {
            return new ContainerSpec(id, rootfs, args, env, workingDir, user, runAsNonRoot, hostname,
                privileged ? new TreeSet<>(Capabilities.ALL) : capabilities, privileged, noNewPrivileges,
                readOnlyRootFilesystem, privileged ? SeccompProfile.UNCONFINED : seccomp, mounts, netns, ipcns,
                utsns, cgroupPath, resources, stdout, stderr);
        }
    }
}
