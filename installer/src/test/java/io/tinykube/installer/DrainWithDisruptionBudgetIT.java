package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PodDisruptionBudget's status follows its pods, and eviction (so kubectl drain) never breaks it. */
class DrainWithDisruptionBudgetIT {
    @TempDir
    static Path dir;
    private static RunningServer server;
    private static KubernetesClient client;
    private static SimulatedNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("data"));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig))).build();
        nodes = new SimulatedNodes(client, Duration.ofSeconds(5));
        nodes.add("node-a", "4", "4Gi", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.close();
        client.close();
        server.close();
    }

    private static void pod(String name) {
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "web").endMetadata()
                .withNewSpec().withNodeName("node-a").addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build()).create();
        client.pods().inNamespace("default").withName(name).waitUntilCondition(p -> p.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")), 30, TimeUnit.SECONDS);
    }

    private static PodDisruptionBudget awaitBudget(int allowed, int healthy) {
        return client.policy().v1().podDisruptionBudget().inNamespace("default").withName("web")
                .waitUntilCondition(b -> b.getStatus() != null && b.getStatus().getDisruptionsAllowed() == allowed
                        && b.getStatus().getCurrentHealthy() == healthy, 30, TimeUnit.SECONDS);
    }

    @Test
    void drainEvictsOnlyWhatTheBudgetAllows() throws Exception {
        pod("web-1");
        pod("web-2");
        client.policy().v1().podDisruptionBudget().inNamespace("default").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").endMetadata().withNewSpec().withMinAvailable(new IntOrString(2))
                .withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build()).create();
        PodDisruptionBudget budget = awaitBudget(0, 2);
        assertEquals(2, budget.getStatus().getDesiredHealthy());
        assertEquals(2, budget.getStatus().getExpectedPods());
        assertEquals("InsufficientPods", budget.getStatus().getConditions().get(0).getReason());

        assertFalse(client.pods().inNamespace("default").withName("web-1").evict(), "eviction must be refused with 429");
        Distribution.Result drain = Kubectl.run("1.33", server.kubeconfig, "drain", "node-a", "--force", "--timeout=6s");
        assertNotEquals(0, drain.exitCode(), drain.output());
        assertTrue(drain.output().contains("Cannot evict pod as it would violate the pod's disruption budget."), drain.output());
        assertTrue(client.nodes().withName("node-a").get().getSpec().getUnschedulable(), "drain cordons first");
        assertNull(client.pods().inNamespace("default").withName("web-1").get().getMetadata().getDeletionTimestamp());
        assertNull(client.pods().inNamespace("default").withName("web-2").get().getMetadata().getDeletionTimestamp());

        client.policy().v1().podDisruptionBudget().inNamespace("default").withName("web")
                .edit(b -> new PodDisruptionBudgetBuilder(b).editSpec().withMinAvailable(new IntOrString(1)).endSpec().build());
        awaitBudget(1, 2);
        Distribution.Result second = Kubectl.run("1.31", server.kubeconfig, "drain", "node-a", "--force", "--timeout=6s");
        assertNotEquals(0, second.exitCode(), "the second pod is still protected: " + second.output());
        assertTrue(second.output().contains("evicted"), second.output());
        long remaining = client.pods().inNamespace("default").list().getItems().size();
        assertEquals(1, remaining, "exactly one pod was evicted");
        awaitBudget(0, 1);
    }
}
