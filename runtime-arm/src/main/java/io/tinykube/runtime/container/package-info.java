/**
 * Container processes and their supervision: {@link io.tinykube.runtime.container.ContainerSpec} (resolved by the
 * caller, with {@link io.tinykube.runtime.container.UserResolver} and
 * {@link io.tinykube.runtime.container.Capabilities}), {@link io.tinykube.runtime.container.ContainerSupervisor}
 * (create, start, state, waitForExit, stop, delete; re-attaches from its state directory) and
 * {@link io.tinykube.runtime.container.PodSandbox} (a pod's shared IPC and UTS namespaces). The launch chain is
 * described on {@code LaunchScripts}.
 */
package io.tinykube.runtime.container;
