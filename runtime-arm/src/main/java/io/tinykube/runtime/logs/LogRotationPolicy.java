package io.tinykube.runtime.logs;

/**
 * kubelet's containerLogMaxSize / containerLogMaxFiles: the current file is rotated once it would grow past
 * {@code maxSizeBytes}, and at most {@code maxFiles} files are kept (the current one, the newest rotated one
 * left uncompressed, the older ones gzipped). A negative size turns rotation off, as in kubelet.
 */
public record LogRotationPolicy(long maxSizeBytes, int maxFiles) {
    /** kubelet's defaults: 10Mi and 5 files. */
    public static final LogRotationPolicy KUBELET_DEFAULT = new LogRotationPolicy(10L * 1024 * 1024, 5);
    public static final LogRotationPolicy DISABLED = new LogRotationPolicy(-1, 5);

    public LogRotationPolicy {
        if (maxFiles <= 1) {
            throw new IllegalArgumentException("maxFiles must be > 1, as kubelet requires: " + maxFiles);
        }
        if (maxSizeBytes == 0) {
            throw new IllegalArgumentException("maxSizeBytes must be positive, or negative to disable rotation");
        }
    }

    public boolean enabled() {
        return maxSizeBytes > 0;
    }
}
