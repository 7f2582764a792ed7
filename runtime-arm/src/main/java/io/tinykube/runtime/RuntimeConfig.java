package io.tinykube.runtime;

import io.tinykube.runtime.cgroup.CgroupLayout;
import io.tinykube.runtime.image.Platform;
import io.tinykube.runtime.image.RegistriesConfig;
import io.tinykube.runtime.logs.LogDirectories;
import io.tinykube.runtime.logs.LogRotationPolicy;
import io.tinykube.runtime.network.Ipv4Cidr;
import io.tinykube.runtime.network.PodNetworkConfig;

/**
 * What {@link NodeRuntime} needs: the data directory (its layout is {@link AgentDirectories}), the pod network,
 * where logs go (kubelet's {@code /var/log/pods} and {@code /var/log/containers} by default), registries,
 * the platform images are pulled for, the cgroup tree and log rotation.
 */
public record RuntimeConfig(AgentDirectories directories, PodNetworkConfig network, LogDirectories logs,
        RegistriesConfig registries, Platform platform, CgroupLayout cgroups, LogRotationPolicy logRotation) {

    /** Defaults for a node whose pods get addresses from {@code podCidr}. */
    public static RuntimeConfig defaults(java.nio.file.Path dataDir, Ipv4Cidr podCidr) {
        AgentDirectories directories = new AgentDirectories(dataDir);
        return new RuntimeConfig(directories, PodNetworkConfig.defaults(podCidr, directories.network()),
            LogDirectories.kubeletDefaults(), RegistriesConfig.empty(), Platform.detect(), CgroupLayout.KUBEPODS,
            LogRotationPolicy.KUBELET_DEFAULT);
    }

    public RuntimeConfig withNetwork(PodNetworkConfig value) {
        return new RuntimeConfig(directories, value, logs, registries, platform, cgroups, logRotation);
    }

    public RuntimeConfig withLogs(LogDirectories value) {
        return new RuntimeConfig(directories, network, value, registries, platform, cgroups, logRotation);
    }

    public RuntimeConfig withRegistries(RegistriesConfig value) {
        return new RuntimeConfig(directories, network, logs, value, platform, cgroups, logRotation);
    }

    public RuntimeConfig withPlatform(Platform value) {
        return new RuntimeConfig(directories, network, logs, registries, value, cgroups, logRotation);
    }

    public RuntimeConfig withCgroups(CgroupLayout value) {
        return new RuntimeConfig(directories, network, logs, registries, platform, value, logRotation);
    }
}
