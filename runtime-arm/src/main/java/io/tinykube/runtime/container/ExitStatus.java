package io.tinykube.runtime.container;

import java.time.Instant;

/**
 * How a container's process ended.
 *
 * @param code       exit code, 128+signal when killed by a signal (137 for SIGKILL); 255 when unknown
 * @param finishedAt when the shim recorded it
 */
public record ExitStatus(int code, Reason reason, Instant finishedAt) {
    /** The reasons kubelet reports in a terminated container status. */
    public enum Reason {
        COMPLETED("Completed"), ERROR("Error"), OOM_KILLED("OOMKilled"), UNKNOWN("Unknown");

        private final String kubernetesName;

        Reason(String kubernetesName) {
            this.kubernetesName = kubernetesName;
        }

        public String kubernetesName() {
            return kubernetesName;
        }
    }

    public static final int UNKNOWN_CODE = 255;
    public static final int SIGKILL_CODE = 128 + 9;
}
