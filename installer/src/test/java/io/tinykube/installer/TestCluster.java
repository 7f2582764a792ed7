package io.tinykube.installer;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A server of a test's own, with a fabric8 client and simulated nodes: for tests that fail, cordon or
 * count nodes, which must not disturb the shared server's.
 */
final class TestCluster implements AutoCloseable {
    final RunningServer server;
    final KubernetesClient client;
    final SimulatedNodes nodes;

    private TestCluster(RunningServer server, KubernetesClient client, SimulatedNodes nodes) {
        this.server = server;
        this.client = client;
        this.nodes = nodes;
    }

    /** Starts a server with {@code environment}; its simulated nodes renew their leases every {@code leaseRenewal}. */
    static TestCluster start(Path dir, Map<String, String> environment, Duration leaseRenewal) throws IOException, InterruptedException {
        RunningServer server = RunningServer.start(dir.resolve("data"), environment);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig))).build();
        return new TestCluster(server, client, new SimulatedNodes(client, leaseRenewal));
    }

    Distribution.Result kubectl(String version, String... args) throws IOException, InterruptedException {
        return Kubectl.run(version, server.kubeconfig, args);
    }

    Distribution.Result kubectlUntil(Predicate<String> done, String version, String... args)
            throws IOException, InterruptedException {
        return Kubectl.until(done, version, server.kubeconfig, args);
    }

    @Override
    public void close() throws InterruptedException {
        nodes.close();
        client.close();
        server.close();
    }
}
