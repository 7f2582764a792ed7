package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DaemonSets following their nodes, on a server of their own (nodes are tainted, cordoned, relabelled and added here):
 * each test's DaemonSets select that test's nodes by a label, so the tests do not see each other's nodes.
 */
class DaemonSetNodesIT {
    @TempDir
    static Path dir;
    private static RunningServer server;
    private static KubernetesClient client;
    private static SimulatedNodes nodes;
    private static final AtomicReference<String> firstFlakyPod = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("data"));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig))).build();
        // the first pod of the "flaky" DaemonSet fails, every other pod runs
        nodes = new SimulatedNodes(client, Duration.ofSeconds(5)).outcomes(pod -> {
            if ("flaky".equals(pod.getMetadata().getLabels().get("app"))) {
                firstFlakyPod.compareAndSet(null, pod.getMetadata().getName());
                if (pod.getMetadata().getName().equals(firstFlakyPod.get())) {
                    return SimulatedNodes.Outcome.FAILED;
                }
            }
            return SimulatedNodes.Outcome.RUNNING_READY;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.close();
        client.close();
        server.close();
    }

    private static DaemonSet create(String name, String suite, List<Toleration> tolerations) {
        return client.apps().daemonSets().inNamespace("default").resource(new DaemonSetBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addToNodeSelector("suite", suite).withTolerations(tolerations)
                .addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().endTemplate().endSpec().build()).create();
    }

    private static void taint(String node, Taint... taints) {
        client.nodes().withName(node).edit(n -> {
            n.getSpec().setTaints(new ArrayList<>(List.of(taints)));
            return n;
        });
    }

    /** Waits until the DaemonSet's running, ready pods are on exactly {@code expected}, one each, and none is pending or deleting. */
    private static List<Pod> waitForPodsOn(String app, Set<String> expected) throws Exception {
        try {
            return client.pods().inNamespace("default").withLabel("app", app).informOnCondition(pods -> pods.size() == expected.size()
                    && pods.stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() == null && "Running".equals(p.getStatus().getPhase()))
                    && pods.stream().map(p -> p.getSpec().getNodeName()).filter(Objects::nonNull)
                    .collect(Collectors.toCollection(TreeSet::new)).equals(expected)).get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(app + " pods not on " + expected + ":\n" + Kubectl.run("1.33", server.kubeconfig, "get",
                    "pods,ds,nodes,events", "-o", "wide", "--show-labels").stdout(), e);
        }
    }

    private static DaemonSet waitForStatus(String name, int desired, int current, int misscheduled) {
        return client.apps().daemonSets().inNamespace("default").withName(name).waitUntilCondition(ds -> ds.getStatus() != null
                && ds.getStatus().getDesiredNumberScheduled() == desired && ds.getStatus().getCurrentNumberScheduled() == current
                && ds.getStatus().getNumberMisscheduled() == misscheduled && ds.getStatus().getNumberReady() == current, 60, TimeUnit.SECONDS);
    }

    @Test
    void taintsKeepPodsOffUnlessToleratedAndNewNodesGetPods() throws Exception {
        Map<String, String> suite = Map.of("suite", "taints");
        nodes.addAndSettle("taints-1", "4", "4Gi", suite);
        nodes.addAndSettle("taints-2", "4", "4Gi", suite);
        taint("taints-2", new Taint("NoSchedule", "dedicated", null, "infra"));
        create("plain", "taints", List.of());
        create("tolerant", "taints", List.of(new Toleration("NoSchedule", "dedicated", "Equal", null, "infra")));

        waitForPodsOn("plain", Set.of("taints-1"));
        waitForPodsOn("tolerant", Set.of("taints-1", "taints-2"));
        waitForStatus("plain", 1, 1, 0);

        nodes.addAndSettle("taints-3", "4", "4Gi", suite);
        waitForPodsOn("plain", Set.of("taints-1", "taints-3"));
        waitForPodsOn("tolerant", Set.of("taints-1", "taints-2", "taints-3"));

        // a NoExecute taint the pods do not tolerate takes them off; a cordoned node keeps its pods
        taint("taints-3", new Taint("NoExecute", "maintenance", null, "now"));
        client.nodes().withName("taints-1").edit(n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        });
        waitForPodsOn("plain", Set.of("taints-1"));
        waitForPodsOn("tolerant", Set.of("taints-1", "taints-2"));
        waitForStatus("tolerant", 2, 2, 0);

        // a NoSchedule taint added later leaves the running pod, which then counts as misscheduled
        taint("taints-2", new Taint("NoSchedule", "dedicated", null, "infra"), new Taint("NoSchedule", "other", null, "x"));
        DaemonSet tolerant = waitForStatus("tolerant", 1, 1, 1);
        assertEquals(1, tolerant.getStatus().getNumberAvailable());
        waitForPodsOn("tolerant", Set.of("taints-1", "taints-2"));
    }

    @Test
    void podsFollowNodeLabels() throws Exception {
        nodes.addAndSettle("labels-1", "4", "4Gi", Map.of("suite", "labels"));
        nodes.addAndSettle("labels-2", "4", "4Gi", Map.of());
        create("follower", "labels", List.of());
        waitForPodsOn("follower", Set.of("labels-1"));

        client.nodes().withName("labels-2").edit(n -> {
            n.getMetadata().getLabels().put("suite", "labels");
            return n;
        });
        waitForPodsOn("follower", Set.of("labels-1", "labels-2"));
        client.nodes().withName("labels-1").edit(n -> {
            n.getMetadata().getLabels().remove("suite");
            return n;
        });
        waitForPodsOn("follower", Set.of("labels-2"));
        waitForStatus("follower", 1, 1, 0);
    }

    @Test
    void aFailedPodIsReplaced() throws Exception {
        nodes.addAndSettle("flaky-1", "4", "4Gi", Map.of("suite", "flaky"));
        create("flaky", "flaky", List.of());
        List<Pod> pods = waitForPodsOn("flaky", Set.of("flaky-1"));
        assertEquals(1, pods.size());
        assertTrue(firstFlakyPod.get() != null && !pods.get(0).getMetadata().getName().equals(firstFlakyPod.get()),
                "the first pod failed and was replaced");
        List<Event> events = client.v1().events().inNamespace("default").withField("involvedObject.name", "flaky").list().getItems();
        assertTrue(events.stream().anyMatch(e -> e.getReason().equals("FailedDaemonPod") && e.getType().equals("Warning")
                && e.getMessage().matches("Found failed daemon pod default/flaky-\\w+ on node flaky-1, will try to kill it")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.getReason().equals("SuccessfulDelete")), events.toString());
    }
}
