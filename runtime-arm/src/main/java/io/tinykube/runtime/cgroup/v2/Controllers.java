package io.tinykube.runtime.cgroup.v2;

import io.tinykube.runtime.cgroup.CgroupException;
import io.tinykube.runtime.cgroup.CgroupFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Delegation of controllers down a v2 path: a cgroup gets a controller's files only if its parent lists the
 * controller in cgroup.subtree_control, so every ancestor of the new cgroup enables what it can.
 */
final class Controllers {

    /** What pods and containers need; io and the rest stay with the host. */
    static final List<String> WANTED = List.of("cpuset", "cpu", "memory", "pids");

    private Controllers() {
    }

    /**
     * Creates {@code path} under {@code mount}, enabling the wanted controllers in every ancestor on the way.
     * Ancestors must hold no processes ("no internal processes" rule): the kernel answers EBUSY otherwise.
     */
    static void createWithControllers(Path mount, String path) {
        Path current = mount;
        Set<String> available = words(CgroupFiles.read(mount.resolve("cgroup.controllers")));
        for (String name : path.split("/")) {
            available = enableForChildren(current, available);
            current = current.resolve(name);
            CgroupFiles.createDirectories(current);
        }
    }

    /** Enables the wanted controllers among {@code available} for the children of {@code cgroup}. */
    private static Set<String> enableForChildren(Path cgroup, Set<String> available) {
        Path subtreeControl = cgroup.resolve("cgroup.subtree_control");
        Set<String> enabled = words(CgroupFiles.read(subtreeControl));
        List<String> missing = new ArrayList<>();
        for (String controller : WANTED) {
            if (available.contains(controller) && !enabled.contains(controller)) {
                missing.add("+" + controller);
            }
        }
        if (!missing.isEmpty()) {
            try {
                CgroupFiles.write(subtreeControl, String.join(" ", missing));
            } catch (CgroupException e) {
                throw new CgroupException(e.getMessage() + (hasProcesses(cgroup)
                        ? " (it holds processes; on cgroup v2 only leaf cgroups may, so controllers cannot be"
                        + " passed to its children)" : ""), e);
            }
        }
        Set<String> forChildren = new LinkedHashSet<>(enabled);
        missing.forEach(controller -> forChildren.add(controller.substring(1)));
        return forChildren;
    }

    static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
        words.remove("");
        return words;
    }

    private static boolean hasProcesses(Path cgroup) {
        Path procs = cgroup.resolve("cgroup.procs");
        return Files.exists(procs) && !CgroupFiles.read(procs).isEmpty();
    }
}
