package io.tinykube.runtime.image;

/** Kubernetes' imagePullPolicy. */
public enum PullPolicy {
    ALWAYS, IF_NOT_PRESENT, NEVER;

    /** Kubernetes' default: Always for {@code :latest} (or no tag and no digest), else IfNotPresent. */
    public static PullPolicy defaultFor(ImageReference reference) {
        return "latest".equals(reference.tag()) ? ALWAYS : IF_NOT_PRESENT;
    }

    public static PullPolicy defaultFor(String reference) {
        return defaultFor(ImageReference.parse(reference));
    }

    /** From the Kubernetes spelling: Always, IfNotPresent, Never. */
    public static PullPolicy fromKubernetes(String name) {
        return switch (name) {
            case "Always" -> ALWAYS;
            case "IfNotPresent" -> IF_NOT_PRESENT;
            case "Never" -> NEVER;
            default -> throw new IllegalArgumentException("unknown imagePullPolicy: " + name);
        };
    }
}
