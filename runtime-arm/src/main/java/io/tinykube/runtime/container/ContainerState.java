package io.tinykube.runtime.container;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One container as the supervisor sees it on disk.
 *
 * @param pid       the host pid of the container's PID 1 while it runs
 * @param startedAt when the process was started
 * @param exit      how it ended, once STOPPED
 */
public record ContainerState(String id, ContainerStatus status, OptionalLong pid, Optional<Instant> startedAt,
        Optional<ExitStatus> exit) {
}
