package io.tinykube.runtime.logs;

/** The pod a log directory belongs to. */
public record PodLogRef(String namespace, String name, String uid) {
    public PodLogRef {
        requireSafe("namespace", namespace);
        requireSafe("name", name);
        requireSafe("uid", uid);
    }

    /** kubelet's pod log directory name: {@code <namespace>_<name>_<uid>}. */
    public String directoryName() {
        return namespace + "_" + name + "_" + uid;
    }

    /** Names become path components: refuse what could climb out of the log root. */
    static void requireSafe(String what, String value) {
        if (value == null || value.isEmpty() || value.equals(".") || value.equals("..") || value.indexOf('/') >= 0
                || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid pod " + what + ": " + value);
        }
    }
}
