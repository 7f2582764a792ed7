package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Revisions through kubectl: rollout history, undo (client-side since kubectl 1.31), restart, pause and resume. */
class DeploymentRevisionsIT {

    private static Distribution.Result kubectl(String version, String ns, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-n";
        all[args.length + 1] = ns;
        Distribution.Result result = SharedServer.kubectl(version, all);
        assertEquals(0, result.exitCode(), result.output());
        return result;
    }

    private static ReplicaSet withImage(KubernetesClient client, String ns, String image) {
        return client.apps().replicaSets().inNamespace(ns).list().getItems().stream()
                .filter(rs -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals(image)).findFirst().orElseThrow();
    }

    @Test
    void historyListsRevisionsAndUndoReturnsToThePreviousTemplate() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("deploy-undo");
        String manifest = WorkloadFixtures.deployment("web", 2, "nginx:1.0", WorkloadFixtures.rolling("1", "0"));
        kubectl("1.31", ns, "apply", "-f", WorkloadFixtures.manifestFile(manifest).toString());
        kubectl("1.31", ns, "rollout", "status", "deployment/web", "--timeout=60s");
        kubectl("1.31", ns, "set", "image", "deployment/web", "c=nginx:2.0");
        kubectl("1.31", ns, "annotate", "deployment/web", "kubernetes.io/change-cause=upgrade to 2.0");
        kubectl("1.31", ns, "rollout", "status", "deployment/web", "--timeout=60s");

        Distribution.Result history = kubectl("1.31", ns, "rollout", "history", "deployment/web");
        List<String> lines = history.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertEquals("deployment.apps/web", lines.get(0), history.stdout());
        assertTrue(lines.get(1).matches("REVISION\\s+CHANGE-CAUSE"), history.stdout());
        assertTrue(lines.get(2).matches("1\\s+<none>"), history.stdout());
        assertTrue(lines.get(3).matches("2\\s+upgrade to 2.0"), history.stdout());
        Distribution.Result first = kubectl("1.33", ns, "rollout", "history", "deployment/web", "--revision=1");
        assertTrue(first.stdout().contains("nginx:1.0"), first.stdout());

        String firstSet = withImage(client, ns, "nginx:1.0").getMetadata().getName();
        Distribution.Result undo = kubectl("1.31", ns, "rollout", "undo", "deployment/web");
        assertEquals("deployment.apps/web rolled back\n", undo.stdout());
        kubectl("1.31", ns, "rollout", "status", "deployment/web", "--timeout=60s");
        Deployment deployment = client.apps().deployments().inNamespace(ns).withName("web").get();
        assertEquals("nginx:1.0", deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("3", deployment.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
        ReplicaSet reused = withImage(client, ns, "nginx:1.0");
        assertEquals(firstSet, reused.getMetadata().getName(), "the old set is the new one again");
        assertEquals("3", reused.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
        assertEquals("1", reused.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision-history"));
        assertEquals(2, reused.getSpec().getReplicas());
        assertEquals(0, withImage(client, ns, "nginx:2.0").getSpec().getReplicas());
        assertEquals(2, client.apps().replicaSets().inNamespace(ns).list().getItems().size());
        Distribution.Result after = kubectl("1.33", ns, "rollout", "history", "deployment/web");
        assertTrue(after.stdout().lines().anyMatch(l -> l.strip().matches("3\\s+.*")), after.stdout());
        assertTrue(after.stdout().lines().noneMatch(l -> l.strip().matches("1\\s+.*")), after.stdout());
    }

    @Test
    void restartRollsOutANewReplicaSet() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("deploy-restart");
        WorkloadFixtures.create(client, ns, WorkloadFixtures.deployment("web", 2, "nginx", WorkloadFixtures.rolling("25%", "25%")));
        kubectl("1.33", ns, "rollout", "status", "deployment/web", "--timeout=60s");
        String before = client.apps().replicaSets().inNamespace(ns).list().getItems().get(0).getMetadata().getName();
        Distribution.Result restart = kubectl("1.33", ns, "rollout", "restart", "deployment/web");
        assertEquals("deployment.apps/web restarted\n", restart.stdout());
        kubectl("1.33", ns, "rollout", "status", "deployment/web", "--timeout=60s");
        List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(ns).list().getItems();
        assertEquals(2, sets.size());
        ReplicaSet restarted = sets.stream().filter(rs -> !rs.getMetadata().getName().equals(before)).findFirst().orElseThrow();
        assertNotNull(restarted.getSpec().getTemplate().getMetadata().getAnnotations().get("kubectl.kubernetes.io/restartedAt"));
        assertEquals(2, restarted.getStatus().getReadyReplicas());
        assertEquals(0, client.apps().replicaSets().inNamespace(ns).withName(before).get().getSpec().getReplicas());
    }

    @Test
    void pauseHoldsTheRolloutAndResumeContinuesIt() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("deploy-pause");
        WorkloadFixtures.create(client, ns, WorkloadFixtures.deployment("web", 2, "nginx:1.0", WorkloadFixtures.rolling("25%", "25%")));
        kubectl("1.33", ns, "rollout", "status", "deployment/web", "--timeout=60s");
        kubectl("1.33", ns, "rollout", "pause", "deployment/web");
        Deployment paused = client.apps().deployments().inNamespace(ns).withName("web").waitUntilCondition(d -> d.getStatus().getConditions()
                .stream().anyMatch(c -> c.getType().equals("Progressing") && c.getReason().equals("DeploymentPaused")), 30, TimeUnit.SECONDS);
        assertEquals("Deployment is paused", paused.getStatus().getConditions().stream().filter(c -> c.getType().equals("Progressing"))
                .findFirst().orElseThrow().getMessage());
        kubectl("1.33", ns, "set", "image", "deployment/web", "c=nginx:2.0");
        Deployment observed = client.apps().deployments().inNamespace(ns).withName("web").waitUntilCondition(d ->
                d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration(), 30, TimeUnit.SECONDS);
        assertEquals("nginx:2.0", observed.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(1, client.apps().replicaSets().inNamespace(ns).list().getItems().size(), "no rollout while paused");
        assertEquals(2, observed.getStatus().getReplicas());
        assertEquals(null, observed.getStatus().getUpdatedReplicas());

        kubectl("1.33", ns, "rollout", "resume", "deployment/web");
        kubectl("1.33", ns, "rollout", "status", "deployment/web", "--timeout=60s");
        assertEquals(2, withImage(client, ns, "nginx:2.0").getStatus().getReadyReplicas());
        WorkloadFixtures.await("the rollout to finish", Duration.ofSeconds(30), () -> client.apps().deployments().inNamespace(ns).withName("web")
                .get().getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Progressing")
                        && c.getReason().equals("NewReplicaSetAvailable")));
    }
}
