package io.tinykube.runtime.cgroup;

/**
 * Cgroup paths of pods and containers, kubelet's layout: {@code kubepods/burstable/pod<uid>/<container-id>}.
 * The root is a parameter so tests (and a second agent) keep their own tree.
 */
public record CgroupLayout(String root) {

    public static final CgroupLayout KUBEPODS = new CgroupLayout("kubepods");

    public CgroupLayout {
        if (root.isEmpty() || root.startsWith("/") || root.endsWith("/") || root.contains("..")) {
            throw new IllegalArgumentException("a cgroup root is a relative path without '..': " + root);
        }
    }

    public String podPath(QosClass qos, String podUid) {
        return qos.cgroupPath(root) + "/pod" + requireName(podUid);
    }

    public String containerPath(String podPath, String containerId) {
        return podPath + "/" + requireName(containerId);
    }

    /** A uid or id from the API becomes a directory name: it must not climb out of the tree. */
    private static String requireName(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not usable as a cgroup name: " + name);
        }
        return name;
    }
}
