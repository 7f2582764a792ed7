package io.tinykube.runtime.cgroup;

import io.tinykube.runtime.cgroup.v1.V1Manager;
import io.tinykube.runtime.cgroup.v2.V2Manager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The host's cgroup mounts, read from /proc/self/mountinfo and /proc/cgroups, and the driver that fits them.
 *
 * @param mode               unified, legacy or hybrid (driven as v1)
 * @param hostRoot           "/" on a real host; a fixture directory in tests (mount points and boot files
 *                           are resolved against it)
 * @param v1Mounts           v1 controller name to the mount point of its hierarchy (several controllers may
 *                           share one)
 * @param unifiedMount       the cgroup2 mount point, null when there is none
 * @param enabledControllers controllers the kernel has on and we can reach: mounted v1 controllers, or the
 *                           root's cgroup.controllers on v2
 */
public record CgroupHierarchy(CgroupMode mode, Path hostRoot, Map<String, Path> v1Mounts, Path unifiedMount,
        Set<String> enabledControllers) {

    private static final String STANDARD_MOUNT = "/sys/fs/cgroup";
    /** Controllers known when /proc/cgroups cannot tell (newer kernels drop v2-only ones from it). */
    private static final Set<String> V1_CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices",
            "freezer", "net_cls", "blkio", "perf_event", "net_prio", "hugetlb", "pids", "rdma", "misc");

    public CgroupHierarchy {
        v1Mounts = Map.copyOf(v1Mounts);
        enabledControllers = Set.copyOf(enabledControllers);
    }

    public static CgroupHierarchy detect() {
        return detect(Path.of("/"));
    }

    public static CgroupHierarchy detect(Path hostRoot) {
        return parse(hostRoot, readOrEmpty(hostRoot.resolve("proc/self/mountinfo")),
                readOrEmpty(hostRoot.resolve("proc/cgroups")));
    }

    /** Detection from the texts of /proc/self/mountinfo and /proc/cgroups; v2 controllers are read from disk. */
    public static CgroupHierarchy parse(Path hostRoot, String mountinfo, String procCgroups) {
        Map<String, Boolean> kernelControllers = parseProcCgroups(procCgroups);
        Map<String, Path> v1Mounts = new LinkedHashMap<>();
        String unifiedMountPoint = null;
        for (String line : mountinfo.split("\n")) {
            int separator = line.indexOf(" - ");
            if (separator < 0) {
                continue;
            }
            String[] mountFields = line.substring(0, separator).split(" ");
            String[] fsFields = line.substring(separator + 3).split(" ");
            if (mountFields.length < 5 || fsFields.length < 3) {
                continue;
            }
            String mountPoint = unescape(mountFields[4]);
            if (fsFields[0].equals("cgroup2")) {
                // Prefer the standard place if cgroup2 is mounted more than once.
                if (unifiedMountPoint == null || mountPoint.equals(STANDARD_MOUNT)) {
                    unifiedMountPoint = mountPoint;
                }
            } else if (fsFields[0].equals("cgroup")) {
                for (String option : fsFields[2].split(",")) {
                    boolean controller = kernelControllers.isEmpty()
                            ? V1_CONTROLLERS.contains(option) : kernelControllers.containsKey(option);
                    if (controller) {
                        v1Mounts.putIfAbsent(option, resolve(hostRoot, mountPoint));
                    }
                }
            }
        }
        Path unifiedMount = unifiedMountPoint == null ? null : resolve(hostRoot, unifiedMountPoint);
        CgroupMode mode;
        if (STANDARD_MOUNT.equals(unifiedMountPoint) || (v1Mounts.isEmpty() && unifiedMount != null)) {
            mode = CgroupMode.UNIFIED;
        } else if (!v1Mounts.isEmpty()) {
            mode = unifiedMount == null ? CgroupMode.LEGACY : CgroupMode.HYBRID;
        } else {
            throw new CgroupException("no cgroup filesystem is mounted (none in /proc/self/mountinfo)");
        }
        Set<String> enabled = new HashSet<>();
        if (mode == CgroupMode.UNIFIED) {
            enabled.addAll(Arrays.asList(readOrEmpty(unifiedMount.resolve("cgroup.controllers")).split("\\s+")));
            enabled.remove("");
        } else {
            enabled.addAll(v1Mounts.keySet());
        }
        // cgroup_disable=memory shows as enabled=0 here, whatever the mounts say.
        kernelControllers.forEach((name, on) -> {
            if (!on) {
                enabled.remove(name);
            }
        });
        return new CgroupHierarchy(mode, hostRoot, v1Mounts, unifiedMount, enabled);
    }

    public boolean memoryControllerEnabled() {
        return enabledControllers.contains("memory");
    }

    /** Fails with the kernel command line advice when the memory controller is off (Raspberry Pi OS). */
    public void requireMemoryController() {
        if (!memoryControllerEnabled()) {
            throw new MemoryControllerDisabledException(hostRoot);
        }
    }

    /** The driver for a cgroup at {@code path} (relative, e.g. kubepods/burstable/pod&lt;uid&gt;). */
    public CgroupManager manager(String path) {
        return manager(path, ProcessKiller.SIGKILL);
    }

    public CgroupManager manager(String path, ProcessKiller killer) {
        if (path.isEmpty() || path.startsWith("/") || Arrays.asList(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("a cgroup path is relative and has no '..': " + path);
        }
        return mode == CgroupMode.UNIFIED
                ? new V2Manager(this, path, killer)
                : new V1Manager(this, path, killer);
    }

    /** name → enabled, from /proc/cgroups ("#subsys_name hierarchy num_cgroups enabled"). */
    static Map<String, Boolean> parseProcCgroups(String text) {
        Map<String, Boolean> controllers = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4 && !fields[0].startsWith("#")) {
                controllers.put(fields[0], fields[3].equals("1"));
            }
        }
        return controllers;
    }

    private static Path resolve(Path hostRoot, String mountPoint) {
        return hostRoot.resolve(mountPoint.substring(1));
    }

    /** mountinfo escapes space, tab, newline and backslash as octal (\040). */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String readOrEmpty(Path file) {
        return Files.exists(file) ? CgroupFiles.readKernelFile(file) : "";
    }
}
