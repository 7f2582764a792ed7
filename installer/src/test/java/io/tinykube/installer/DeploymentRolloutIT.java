package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Rollouts keep their bounds at every step a watcher can see, and kubectl follows them. */
class DeploymentRolloutIT {

    /** Calls {@code check} on every event, after the informer's store took it in. */
    private static <T> ResourceEventHandler<T> onEvery(Consumer<T> check) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                check.accept(object);
            }

            @Override
            public void onUpdate(T old, T object) {
                check.accept(object);
            }

            @Override
            public void onDelete(T object, boolean unknown) {
                check.accept(object);
            }
        };
    }

    private static void rolledOut(String version, String ns, String name) throws Exception {
        Distribution.Result status = SharedServer.kubectl(version, "rollout", "status", "deployment/" + name, "-n", ns, "--timeout=90s");
        assertEquals(0, status.exitCode(), status.output());
    }

    @Test
    void rollingUpdateHoldsMaxSurgeAndMaxUnavailableAtEveryStep() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("deploy-rolling");
        int replicas = 6;
        WorkloadFixtures.create(client, ns, WorkloadFixtures.deployment("web", replicas, "nginx:1.0", WorkloadFixtures.rolling("2", "1")));
        rolledOut("1.33", ns, "web");

        List<String> violations = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ReplicaSet> sets = client.apps().replicaSets().inNamespace(ns).inform();
        SharedIndexInformer<Pod> pods = client.pods().inNamespace(ns).inform();
        sets.addEventHandler(onEvery(rs -> {
            int total = sets.getStore().list().stream().mapToInt(r -> r.getSpec().getReplicas()).sum();
            if (total > replicas + 2) {
                violations.add("replica sets total " + total + " > " + (replicas + 2));
            }
        }));
        pods.addEventHandler(onEvery(pod -> {
            long ready = pods.getStore().list().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .filter(WorkloadFixtures::ready).count();
            if (ready < replicas - 1) {
                violations.add("ready pods " + ready + " < " + (replicas - 1));
            }
        }));
        try {
            Distribution.Result set = SharedServer.kubectl("1.33", "set", "image", "deployment/web", "c=nginx:2.0", "-n", ns);
            assertEquals(0, set.exitCode(), set.output());
            Distribution.Result status = SharedServer.kubectl("1.33", "rollout", "status", "deployment/web", "-n", ns, "--timeout=90s");
            assertEquals(0, status.exitCode(), status.output());
            assertTrue(status.stdout().endsWith("deployment \"web\" successfully rolled out\n"), status.stdout());
            assertEquals(List.of(), violations);
        } finally {
            sets.close();
            pods.close();
        }
        List<ReplicaSet> all = client.apps().replicaSets().inNamespace(ns).list().getItems();
        assertEquals(2, all.size());
        ReplicaSet current = all.stream().filter(rs -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals("nginx:2.0"))
                .findFirst().orElseThrow();
        assertEquals(replicas, current.getSpec().getReplicas());
        String hash = current.getMetadata().getLabels().get("pod-template-hash");
        assertTrue(hash.matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}"), hash);
        assertEquals("web-" + hash, current.getMetadata().getName());
        assertEquals(hash, current.getSpec().getSelector().getMatchLabels().get("pod-template-hash"));
        assertEquals(Map.of("deployment.kubernetes.io/revision", "2", "deployment.kubernetes.io/desired-replicas", "6",
                "deployment.kubernetes.io/max-replicas", "8"), current.getMetadata().getAnnotations());
        var deployment = client.apps().deployments().inNamespace(ns).withName("web").get();
        assertEquals("2", deployment.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
        var progressing = deployment.getStatus().getConditions().stream().filter(c -> c.getType().equals("Progressing")).findFirst().orElseThrow();
        assertEquals("NewReplicaSetAvailable", progressing.getReason());
        assertEquals("ReplicaSet \"" + current.getMetadata().getName() + "\" has successfully progressed.", progressing.getMessage());
        var available = deployment.getStatus().getConditions().stream().filter(c -> c.getType().equals("Available")).findFirst().orElseThrow();
        assertEquals(List.of("True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
                List.of(available.getStatus(), available.getReason(), available.getMessage()));
        assertEquals(List.of(6, 6, 6, 6), List.of(deployment.getStatus().getReplicas(), deployment.getStatus().getUpdatedReplicas(),
                deployment.getStatus().getReadyReplicas(), deployment.getStatus().getAvailableReplicas()));
        WorkloadFixtures.await("a ScalingReplicaSet event", Duration.ofSeconds(10), () -> client.v1().events().inNamespace(ns).list().getItems()
                .stream().anyMatch(e -> e.getReason().equals("ScalingReplicaSet")
                        && e.getMessage().startsWith("Scaled up replica set " + current.getMetadata().getName() + " from 0 to ")));
    }

    @Test
    void recreateNeverRunsOldAndNewPodsTogether() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("deploy-recreate");
        WorkloadFixtures.create(client, ns, WorkloadFixtures.deployment("web", 3, "nginx:1.0", "type: Recreate"));
        rolledOut("1.33", ns, "web");
        String oldHash = client.pods().inNamespace(ns).list().getItems().get(0).getMetadata().getLabels().get("pod-template-hash");

        List<String> overlaps = new CopyOnWriteArrayList<>();
        SharedIndexInformer<Pod> pods = client.pods().inNamespace(ns).inform();
        pods.addEventHandler(onEvery(pod -> {
            List<Pod> all = pods.getStore().list();
            boolean old = all.stream().anyMatch(p -> oldHash.equals(p.getMetadata().getLabels().get("pod-template-hash")));
            boolean fresh = all.stream().anyMatch(p -> !oldHash.equals(p.getMetadata().getLabels().get("pod-template-hash")));
            if (old && fresh) {
                overlaps.add(all.stream().map(p -> p.getMetadata().getName()).toList().toString());
            }
        }));
        try {
            Distribution.Result set = SharedServer.kubectl("1.33", "set", "image", "deployment/web", "c=nginx:2.0", "-n", ns);
            assertEquals(0, set.exitCode(), set.output());
            rolledOut("1.33", ns, "web");
            WorkloadFixtures.await("three new pods", Duration.ofSeconds(30), () -> pods.getStore().list().stream()
                    .filter(p -> !oldHash.equals(p.getMetadata().getLabels().get("pod-template-hash"))).filter(WorkloadFixtures::ready).count() == 3);
        } finally {
            pods.close();
        }
        assertEquals(List.of(), overlaps);
    }

    @Test
    void kubectlScaleResizesADeployment() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("deploy-scale");
        WorkloadFixtures.create(client, ns, WorkloadFixtures.deployment("web", 2, "nginx", WorkloadFixtures.rolling("25%", "25%")));
        rolledOut("1.31", ns, "web");
        Distribution.Result scale = SharedServer.kubectl("1.33", "scale", "deployment", "web", "-n", ns, "--replicas=5");
        assertEquals(0, scale.exitCode(), scale.output());
        rolledOut("1.33", ns, "web");
        Distribution.Result get = SharedServer.kubectl("1.33", "get", "deploy", "web", "-n", ns);
        assertTrue(get.stdout().lines().anyMatch(l -> l.matches("web\\s+5/5\\s+5\\s+5\\s+.*")), get.output());
        Distribution.Result rs = SharedServer.kubectl("1.33", "get", "rs", "-n", ns);
        assertTrue(rs.stdout().lines().anyMatch(l -> l.matches("web-[a-z0-9]+\\s+5\\s+5\\s+5\\s+.*")), rs.output());
        assertEquals(1, client.apps().replicaSets().inNamespace(ns).list().getItems().size());
        WorkloadFixtures.await("the scaling event", Duration.ofSeconds(10), () -> client.v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(e -> e.getReason().equals("ScalingReplicaSet") && e.getMessage().matches("Scaled up replica set web-\\w+ from 2 to 5")));
    }

    @Test
    void scalingMidRolloutSpreadsReplicasProportionally() throws Exception {
        KubernetesClient client = SharedServer.client();
        SimulatedNodes nodes = SharedServer.nodes();
        String ns = SharedServer.namespace("deploy-proportional");
        // the new version's pods never get ready, so the rollout stops half way
        nodes.outcomes(pod -> ns.equals(pod.getMetadata().getNamespace()) && pod.getSpec().getContainers().get(0).getImage().equals("nginx:2.0")
                ? SimulatedNodes.Outcome.RUNNING_NOT_READY : SimulatedNodes.Outcome.RUNNING_READY);
        try {
            WorkloadFixtures.create(client, ns, WorkloadFixtures.deployment("web", 10, "nginx:1.0", WorkloadFixtures.rolling("25%", "25%")));
            rolledOut("1.33", ns, "web");
            Distribution.Result set = SharedServer.kubectl("1.33", "set", "image", "deployment/web", "c=nginx:2.0", "-n", ns);
            assertEquals(0, set.exitCode(), set.output());
            // 10 replicas, surge 3, unavailable 2: the new set grows to 5 while the old one shrinks to 8
            WorkloadFixtures.await("the rollout to stall at 8 old + 5 new", Duration.ofSeconds(30), () -> sizes(client, ns).equals(List.of(8, 5)));
            Distribution.Result scale = SharedServer.kubectl("1.33", "scale", "deployment/web", "--replicas=20", "-n", ns);
            assertEquals(0, scale.exitCode(), scale.output());
            // 25 allowed now: 12 more, each set scaled by 25/13 of its size, leftovers to the largest
            WorkloadFixtures.await("proportional sizes 15 + 10", Duration.ofSeconds(30), () -> sizes(client, ns).equals(List.of(15, 10)));
            for (ReplicaSet rs : client.apps().replicaSets().inNamespace(ns).list().getItems()) {
                assertEquals("20", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/desired-replicas"));
                assertEquals("25", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/max-replicas"));
            }
        } finally {
            nodes.outcomes(pod -> SimulatedNodes.Outcome.RUNNING_READY);
        }
    }

    /** Replicas of the old set and the new one. */
    private static List<Integer> sizes(KubernetesClient client, String ns) {
        List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(ns).list().getItems();
        if (sets.size() != 2) {
            return List.of();
        }
        return sets.stream().sorted(java.util.Comparator.comparing((ReplicaSet rs) ->
                rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())).map(rs -> rs.getSpec().getReplicas()).toList();
    }

    @Test
    void maxSurgeAndMaxUnavailableMayNotBothBeZero() throws Exception {
        String ns = SharedServer.namespace("deploy-invalid");
        java.nio.file.Path file = WorkloadFixtures.manifestFile(WorkloadFixtures.deployment("web", 1, "nginx", WorkloadFixtures.rolling("0", "0%")));
        Distribution.Result apply = SharedServer.kubectl("1.33", "apply", "-f", file.toString(), "-n", ns);
        assertNotEquals(0, apply.exitCode());
        assertTrue(apply.stderr().contains("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"),
                apply.stderr());
    }
}
