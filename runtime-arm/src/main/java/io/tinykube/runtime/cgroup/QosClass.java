package io.tinykube.runtime.cgroup;

/**
 * Kubernetes' pod QoS classes and where kubelet's cgroupfs driver puts their pods: Guaranteed pods directly
 * under the root, the others under a cgroup per class, so BestEffort pods can be squeezed as a group.
 */
public enum QosClass {
    GUARANTEED(""),
    BURSTABLE("burstable"),
    BEST_EFFORT("besteffort");

    private final String directory;

    QosClass(String directory) {
        this.directory = directory;
    }

    /** The class's cgroup under the root ({@code kubepods} or {@code kubepods/burstable}). */
    public String cgroupPath(String root) {
        return directory.isEmpty() ? root : root + "/" + directory;
    }
}
