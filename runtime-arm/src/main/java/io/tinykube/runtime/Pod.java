package io.tinykube.runtime;

import io.tinykube.runtime.container.PodSandbox;
import io.tinykube.runtime.logs.PodLogRef;
import io.tinykube.runtime.network.PodNetworkStatus;

/** A pod sandbox that is set up: what its containers join. */
public record Pod(String sandboxId, PodLogRef ref, String cgroupPath, PodSandbox namespaces, PodNetworkStatus network) {
}
