package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Deployment and ReplicaSet status: the progress deadline, and availability after minReadySeconds. */
class DeploymentStatusIT {

    private static DeploymentCondition condition(Deployment deployment, String type) {
        return deployment.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    @Test
    void podsThatNeverGetReadyExceedTheProgressDeadline() throws Exception {
        KubernetesClient client = SharedServer.client();
        SimulatedNodes nodes = SharedServer.nodes();
        String ns = SharedServer.namespace("deploy-deadline");
        nodes.outcomes(pod -> ns.equals(pod.getMetadata().getNamespace()) ? SimulatedNodes.Outcome.RUNNING_NOT_READY
                : SimulatedNodes.Outcome.RUNNING_READY);
        try {
            String manifest = WorkloadFixtures.deployment("web", 2, "nginx", WorkloadFixtures.rolling("25%", "25%"))
                    .replace("  replicas: 2\n", "  replicas: 2\n  progressDeadlineSeconds: 3\n");
            WorkloadFixtures.create(client, ns, manifest);
            Deployment stuck = client.apps().deployments().inNamespace(ns).withName("web").waitUntilCondition(d -> d.getStatus() != null
                    && d.getStatus().getConditions() != null && condition(d, "Progressing") != null
                    && "ProgressDeadlineExceeded".equals(condition(d, "Progressing").getReason()), 60, TimeUnit.SECONDS);
            String set = client.apps().replicaSets().inNamespace(ns).list().getItems().get(0).getMetadata().getName();
            DeploymentCondition progressing = condition(stuck, "Progressing");
            assertEquals("False", progressing.getStatus());
            assertEquals("ReplicaSet \"" + set + "\" has timed out progressing.", progressing.getMessage());
            DeploymentCondition available = condition(stuck, "Available");
            assertEquals(List.of("False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
                    List.of(available.getStatus(), available.getReason(), available.getMessage()));
            assertEquals(2, stuck.getStatus().getUnavailableReplicas());
            Distribution.Result status = SharedServer.kubectl("1.33", "rollout", "status", "deployment/web", "-n", ns, "--timeout=30s");
            assertNotEquals(0, status.exitCode());
            assertTrue(status.stderr().contains("deployment \"web\" exceeded its progress deadline"), status.output());
        } finally {
            nodes.outcomes(pod -> SimulatedNodes.Outcome.RUNNING_READY);
        }
    }

    @Test
    void readyPodsCountAsAvailableOnlyAfterMinReadySeconds() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("deploy-minready");
        String manifest = WorkloadFixtures.deployment("web", 2, "nginx", WorkloadFixtures.rolling("25%", "25%"))
                .replace("  replicas: 2\n", "  replicas: 2\n  minReadySeconds: 4\n");
        WorkloadFixtures.create(client, ns, manifest);
        ReplicaSet ready = client.apps().replicaSets().inNamespace(ns).withLabel("app", "web").informOnCondition(sets -> sets.stream()
                .anyMatch(rs -> rs.getStatus() != null && Integer.valueOf(2).equals(rs.getStatus().getReadyReplicas())))
                .get(30, TimeUnit.SECONDS).get(0);
        assertEquals(4, ready.getSpec().getMinReadySeconds());
        assertEquals(null, ready.getStatus().getAvailableReplicas(), "ready, not yet available");
        Deployment available = client.apps().deployments().inNamespace(ns).withName("web").waitUntilCondition(d -> d.getStatus() != null
                && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas()), 30, TimeUnit.SECONDS);
        assertEquals("True", condition(available, "Available").getStatus());
        ReplicaSet after = client.apps().replicaSets().inNamespace(ns).withName(ready.getMetadata().getName()).get();
        assertEquals(List.of(2, 2, 2, 2), List.of(after.getStatus().getReplicas(), after.getStatus().getFullyLabeledReplicas(),
                after.getStatus().getReadyReplicas(), after.getStatus().getAvailableReplicas()));
        Distribution.Result status = SharedServer.kubectl("1.33", "rollout", "status", "deployment/web", "-n", ns, "--timeout=30s");
        assertEquals(0, status.exitCode(), status.output());
    }
}
