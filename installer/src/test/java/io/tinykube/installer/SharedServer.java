package io.tinykube.installer;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One server for the API tests of a test run (each test works in its own namespace), started on first
 * use and stopped when the test JVM exits.
 */
final class SharedServer {
    private static RunningServer server;
    private static KubernetesClient client;
    private static SimulatedNodes nodes;

    private SharedServer() {
    }

    static synchronized RunningServer get() throws IOException, InterruptedException {
        if (server == null) {
            Path dir = Files.createTempDirectory("tinykube-api-it");
            server = RunningServer.start(dir.resolve("data"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return server;
    }

    /** A fabric8 client authenticated with the admin kubeconfig. */
    static synchronized KubernetesClient client() throws IOException, InterruptedException {
        if (client == null) {
            Config config = Config.fromKubeconfig(Files.readString(get().kubeconfig));
            client = new KubernetesClientBuilder().withConfig(config).build();
        }
        return client;
    }

    /**
     * Three simulated nodes (shared-node-1..3, 8 cpus and 16 GiB each) that run every pod bound to them
     * Running and Ready. Tests that fail nodes or need an exact set of nodes start their own server.
     */
    static synchronized SimulatedNodes nodes() throws IOException, InterruptedException {
        if (nodes == null) {
            nodes = new SimulatedNodes(client(), java.time.Duration.ofSeconds(10));
            for (int i = 1; i <= 3; i++) {
                nodes.add("shared-node-" + i, "8", "16Gi", java.util.Map.of());
            }
        }
        return nodes;
    }

    /** A fresh namespace for one test. */
    static String namespace(String prefix) throws IOException, InterruptedException {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    static Distribution.Result kubectl(String version, String... args) throws IOException, InterruptedException {
        return Kubectl.run(version, get().kubeconfig, args);
    }
}
