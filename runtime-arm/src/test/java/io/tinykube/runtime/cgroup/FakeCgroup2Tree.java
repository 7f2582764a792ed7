package io.tinykube.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cgroup2 tree in a temporary directory, laid out as the kernel would (a host root with
 * proc/self/mountinfo, proc/cgroups and sys/fs/cgroup), for the v2 driver's unit tests. The test creates
 * the cgroups the kernel would have, then reads what the driver wrote.
 */
public final class FakeCgroup2Tree {

    public static final String MOUNTINFO =
            "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2"
            + " rw,nsdelegate,memory_recursiveprot\n";

    public final Path hostRoot;
    public final Path mount;

    /** {@code rootControllers}: the root's cgroup.controllers, e.g. "cpuset cpu io memory pids". */
    public FakeCgroup2Tree(Path hostRoot, String rootControllers) {
        this.hostRoot = hostRoot;
        this.mount = hostRoot.resolve("sys/fs/cgroup");
        boolean memory = (" " + rootControllers + " ").contains(" memory ");
        write(hostRoot.resolve("proc/self/mountinfo"), MOUNTINFO);
        write(hostRoot.resolve("proc/cgroups"), "#subsys_name\thierarchy\tnum_cgroups\tenabled\n"
                + "cpuset\t0\t1\t1\ncpu\t0\t1\t1\nmemory\t0\t1\t" + (memory ? 1 : 0) + "\npids\t0\t1\t1\n");
        initCgroup(mount, rootControllers);
    }

    public CgroupHierarchy hierarchy() {
        return CgroupHierarchy.detect(hostRoot);
    }

    /**
     * Creates {@code path} and its ancestors as the kernel would, each with the core files and the files of
     * {@code controllers} (what its parent delegated).
     */
    public Path cgroup(String path, String controllers) {
        Path cgroup = mount;
        for (String name : path.split("/")) {
            cgroup = cgroup.resolve(name);
            if (!Files.isDirectory(cgroup)) {
                initCgroup(cgroup, controllers);
            }
        }
        return cgroup;
    }

    private static void initCgroup(Path cgroup, String controllers) {
        write(cgroup.resolve("cgroup.controllers"), controllers + "\n");
        write(cgroup.resolve("cgroup.subtree_control"), "");
        write(cgroup.resolve("cgroup.procs"), "");
        write(cgroup.resolve("cgroup.freeze"), "0\n");
        write(cgroup.resolve("cgroup.events"), "populated 0\nfrozen 0\n");
        write(cgroup.resolve("cpu.stat"), "usage_usec 0\nuser_usec 0\nsystem_usec 0\n");
        String padded = " " + controllers + " ";
        if (padded.contains(" memory ")) {
            write(cgroup.resolve("memory.max"), "max\n");
            write(cgroup.resolve("memory.swap.max"), "max\n");
            write(cgroup.resolve("memory.current"), "0\n");
            write(cgroup.resolve("memory.stat"), "anon 0\nfile 0\ninactive_file 0\n");
            write(cgroup.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
        }
        if (padded.contains(" cpu ")) {
            write(cgroup.resolve("cpu.max"), "max 100000\n");
            write(cgroup.resolve("cpu.weight"), "100\n");
        }
        if (padded.contains(" pids ")) {
            write(cgroup.resolve("pids.max"), "max\n");
            write(cgroup.resolve("pids.current"), "0\n");
        }
        if (padded.contains(" cpuset ")) {
            write(cgroup.resolve("cpuset.cpus"), "\n");
            write(cgroup.resolve("cpuset.mems"), "\n");
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
