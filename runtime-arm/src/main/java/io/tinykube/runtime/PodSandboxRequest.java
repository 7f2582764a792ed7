package io.tinykube.runtime;

import io.tinykube.runtime.cgroup.QosClass;
import io.tinykube.runtime.logs.PodLogRef;
import io.tinykube.runtime.network.PodNetworkRequest;

/**
 * A pod to give a sandbox: its identity for logs and cgroups, its QoS class, and its network request (whose
 * sandbox id names the sandbox everywhere and whose hostname is the pod's UTS name).
 */
public record PodSandboxRequest(PodLogRef pod, QosClass qos, PodNetworkRequest network) {
}
