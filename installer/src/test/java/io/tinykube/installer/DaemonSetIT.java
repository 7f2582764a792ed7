package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DaemonSets on the shared server's three simulated nodes: a pod on each eligible node and nowhere else, bound by the
 * default scheduler through the pod's node affinity; nodeSelector narrows the nodes; rolling updates stay within
 * maxUnavailable (or maxSurge) at every observed step; kubectl rollout status, history and undo.
 */
class DaemonSetIT {
    private static KubernetesClient client;

    @BeforeAll
    static void nodes() throws Exception {
        client = SharedServer.client();
        SharedServer.nodes();
    }

    private static DaemonSet daemonSet(String name, String image, Consumer<DaemonSetBuilder> customize) {
        DaemonSetBuilder builder = new DaemonSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec().endTemplate().endSpec();
        customize.accept(builder);
        return builder.build();
    }

    /** Nodes a plain DaemonSet belongs on: those without NoSchedule or NoExecute taints. */
    private static Set<String> untaintedNodes() {
        Set<String> names = new TreeSet<>();
        for (Node node : client.nodes().list().getItems()) {
            boolean tainted = node.getSpec().getTaints() != null && node.getSpec().getTaints().stream()
                    .anyMatch(t -> t.getEffect().equals("NoSchedule") || t.getEffect().equals("NoExecute"));
            if (!tainted) {
                names.add(node.getMetadata().getName());
            }
        }
        return names;
    }

    private static List<Pod> pods(String namespace, String app) {
        return client.pods().inNamespace(namespace).withLabel("app", app).list().getItems();
    }

    /** The nodes the pods are bound to (pods not bound yet are left out). */
    private static Set<String> nodesOf(List<Pod> pods) {
        return pods.stream().map(p -> p.getSpec().getNodeName()).filter(java.util.Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Pods and events of a namespace, for failure messages. */
    private static String dump(String ns) throws Exception {
        return SharedServer.kubectl("1.33", "get", "pods,ds,controllerrevisions,events", "-n", ns, "-o", "wide", "--show-labels").stdout();
    }

    private static DaemonSet waitRolledOut(String namespace, String name, int desired) {
        return client.apps().daemonSets().inNamespace(namespace).withName(name).waitUntilCondition(ds -> ds.getStatus() != null
                && ds.getStatus().getObservedGeneration() != null
                && ds.getStatus().getObservedGeneration() >= ds.getMetadata().getGeneration()
                && ds.getStatus().getDesiredNumberScheduled() == desired
                && ds.getStatus().getUpdatedNumberScheduled() != null && ds.getStatus().getUpdatedNumberScheduled() == desired
                && ds.getStatus().getNumberAvailable() != null && ds.getStatus().getNumberAvailable() == desired
                && ds.getStatus().getCurrentNumberScheduled() == desired, 60, TimeUnit.SECONDS);
    }

    @Test
    void runsOnePodOnEachNodeAndNowhereElse() throws Exception {
        String ns = SharedServer.namespace("ds-each");
        Set<String> expected = untaintedNodes();
        client.apps().daemonSets().inNamespace(ns).resource(daemonSet("agent", "busybox:1", b -> { })).create();

        DaemonSet ds = waitRolledOut(ns, "agent", expected.size());
        assertEquals(expected.size(), ds.getStatus().getNumberReady());
        assertEquals(0, ds.getStatus().getNumberMisscheduled());
        List<Pod> pods = pods(ns, "agent");
        assertEquals(expected.size(), pods.size(), "one pod per node");
        assertEquals(expected, nodesOf(pods));
        Pod pod = pods.get(0);
        assertTrue(pod.getMetadata().getName().startsWith("agent-"));
        assertEquals("DaemonSet", pod.getMetadata().getOwnerReferences().get(0).getKind());
        assertTrue(pod.getMetadata().getOwnerReferences().get(0).getController());
        assertEquals("1", pod.getMetadata().getLabels().get("pod-template-generation"));
        String hash = pod.getMetadata().getLabels().get("controller-revision-hash");
        assertNotNull(hash);
        // the node is named by a required node affinity, the default scheduler binds it there
        var terms = pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertEquals(1, terms.size());
        assertEquals("metadata.name", terms.get(0).getMatchFields().get(0).getKey());
        assertEquals(List.of(pod.getSpec().getNodeName()), terms.get(0).getMatchFields().get(0).getValues());
        Set<String> tolerations = pod.getSpec().getTolerations().stream().map(t -> t.getKey() + ":" + t.getOperator() + ":" + t.getEffect())
                .collect(Collectors.toSet());
        assertEquals(Set.of("node.kubernetes.io/not-ready:Exists:NoExecute", "node.kubernetes.io/unreachable:Exists:NoExecute",
                "node.kubernetes.io/disk-pressure:Exists:NoSchedule", "node.kubernetes.io/memory-pressure:Exists:NoSchedule",
                "node.kubernetes.io/pid-pressure:Exists:NoSchedule", "node.kubernetes.io/unschedulable:Exists:NoSchedule"), tolerations);

        ControllerRevision revision = client.apps().controllerRevisions().inNamespace(ns).withName("agent-" + hash).get();
        assertNotNull(revision, "the template's revision is named <ds>-<hash>");
        assertEquals(1L, revision.getRevision());

        // a pod deleted by hand comes back on its node
        Pod victim = pods.get(0);
        client.pods().inNamespace(ns).withName(victim.getMetadata().getName()).delete();
        client.pods().inNamespace(ns).withLabel("app", "agent").informOnCondition(list -> list.size() == expected.size()
                && list.stream().noneMatch(p -> p.getMetadata().getName().equals(victim.getMetadata().getName()))
                && nodesOf(list).equals(expected)).get(60, TimeUnit.SECONDS);

        String events = Kubectl.until(out -> out.contains("SuccessfulCreate") && out.contains("Created pod: agent-"), "1.33",
                SharedServer.get().kubeconfig, "get", "events", "-n", ns, "-o",
                "custom-columns=REASON:.reason,MESSAGE:.message", "--field-selector", "involvedObject.kind=DaemonSet").stdout();
        assertTrue(events.contains("SuccessfulCreate") && events.contains("Created pod: agent-"), events);
    }

    @Test
    void nodeSelectorLimitsTheNodes() throws Exception {
        String ns = SharedServer.namespace("ds-selector");
        client.apps().daemonSets().inNamespace(ns).resource(daemonSet("picky", "busybox:1",
                b -> b.editSpec().editTemplate().editSpec().addToNodeSelector("kubernetes.io/hostname", "shared-node-2")
                        .endSpec().endTemplate().endSpec())).create();
        DaemonSet ds = waitRolledOut(ns, "picky", 1);
        assertEquals(0, ds.getStatus().getNumberMisscheduled());
        assertEquals(Set.of("shared-node-2"), nodesOf(pods(ns, "picky")));
    }

    /** For every observed pod change: how many of {@code nodes} lack a ready pod that is not being deleted, and pods per node. */
    private static final class RolloutWatch implements AutoCloseable {
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        private final SharedIndexInformer<Pod> informer;

        RolloutWatch(String ns, String app, Set<String> nodes, int maxUnavailable, int maxPodsPerNode) {
            informer = client.pods().inNamespace(ns).withLabel("app", app).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    check();
                }

                @Override
                public void onUpdate(Pod old, Pod pod) {
                    check();
                }

                @Override
                public void onDelete(Pod pod, boolean unknown) {
                    check();
                }

                private void check() {
                    Map<String, Integer> perNode = new HashMap<>();
                    Set<String> readyNodes = new TreeSet<>();
                    for (Pod pod : informer.getStore().list()) {
                        String node = pod.getSpec().getNodeName();
                        if (node == null) {
                            node = pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                                    .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues().get(0);
                        }
                        perNode.merge(node, 1, Integer::sum);
                        boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                                .stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
                        if (ready && pod.getMetadata().getDeletionTimestamp() == null) {
                            readyNodes.add(node);
                        }
                    }
                    int unavailable = (int) nodes.stream().filter(n -> !readyNodes.contains(n)).count();
                    if (unavailable > maxUnavailable) {
                        violations.add(unavailable + " nodes without a ready pod: ready on " + readyNodes);
                    }
                    perNode.forEach((node, count) -> {
                        if (count > maxPodsPerNode) {
                            violations.add(count + " pods on " + node);
                        }
                    });
                }
            });
        }

        @Override
        public void close() {
            informer.close();
        }
    }

    @Test
    void rollingUpdateReplacesPodsWithinMaxUnavailable() throws Exception {
        String ns = SharedServer.namespace("ds-rolling");
        Set<String> nodes = untaintedNodes();
        client.apps().daemonSets().inNamespace(ns).resource(daemonSet("roll", "busybox:1", b -> { })).create();
        waitRolledOut(ns, "roll", nodes.size());

        try (RolloutWatch watch = new RolloutWatch(ns, "roll", nodes, 1, 2)) {
            Distribution.Result set = SharedServer.kubectl("1.33", "set", "image", "-n", ns, "daemonset/roll", "c=busybox:2");
            assertEquals(0, set.exitCode(), set.stderr());
            Distribution.Result status = SharedServer.kubectl("1.33", "rollout", "status", "-n", ns, "daemonset/roll", "--timeout=90s");
            assertEquals(0, status.exitCode(), status.stdout() + status.stderr());
            assertTrue(status.stdout().contains("daemon set \"roll\" successfully rolled out"), status.stdout());
            assertEquals(List.of(), watch.violations);
        }
        DaemonSet ds = waitRolledOut(ns, "roll", nodes.size());
        assertEquals("2", ds.getMetadata().getAnnotations().get("deprecated.daemonset.template.generation"));
        List<Pod> pods = client.pods().inNamespace(ns).withLabel("app", "roll").informOnCondition(list -> list.size() == nodes.size()
                && list.stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("busybox:2"))).get(60, TimeUnit.SECONDS);
        assertEquals(nodes, nodesOf(pods));
        assertTrue(pods.stream().allMatch(p -> "2".equals(p.getMetadata().getLabels().get("pod-template-generation"))));
    }

    @Test
    void rollingUpdateWithSurgeStartsNewPodsBeforeOldOnesGo() throws Exception {
        String ns = SharedServer.namespace("ds-surge");
        Set<String> nodes = untaintedNodes();
        client.apps().daemonSets().inNamespace(ns).resource(daemonSet("surge", "busybox:1", b -> b.editSpec().withNewUpdateStrategy()
                .withType("RollingUpdate").withNewRollingUpdate().withNewMaxUnavailable(0).withNewMaxSurge(1).endRollingUpdate()
                .endUpdateStrategy().endSpec())).create();
        waitRolledOut(ns, "surge", nodes.size());

        try (RolloutWatch watch = new RolloutWatch(ns, "surge", nodes, 0, 2)) {
            client.apps().daemonSets().inNamespace(ns).withName("surge").edit(ds -> {
                ds.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:2");
                return ds;
            });
            Distribution.Result status = SharedServer.kubectl("1.33", "rollout", "status", "-n", ns, "daemonset/surge", "--timeout=90s");
            assertEquals(0, status.exitCode(), status.stdout() + status.stderr() + dump(ns));
            assertEquals(List.of(), watch.violations);
        }
        client.pods().inNamespace(ns).withLabel("app", "surge").informOnCondition(list -> list.size() == nodes.size()
                && list.stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("busybox:2"))).get(60, TimeUnit.SECONDS);
    }

    @Test
    void onDeleteWaitsForPodsToBeDeleted() throws Exception {
        String ns = SharedServer.namespace("ds-ondelete");
        Set<String> nodes = untaintedNodes();
        client.apps().daemonSets().inNamespace(ns).resource(daemonSet("manual", "busybox:1",
                b -> b.editSpec().withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy().endSpec())).create();
        waitRolledOut(ns, "manual", nodes.size());
        client.apps().daemonSets().inNamespace(ns).withName("manual").edit(ds -> {
            ds.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:2");
            return ds;
        });
        DaemonSet observed = client.apps().daemonSets().inNamespace(ns).withName("manual").waitUntilCondition(ds -> ds.getStatus() != null
                && ds.getStatus().getObservedGeneration() != null && ds.getStatus().getObservedGeneration() >= ds.getMetadata().getGeneration(),
                30, TimeUnit.SECONDS);
        assertEquals(null, observed.getStatus().getUpdatedNumberScheduled(), "no pod is replaced by itself");
        assertTrue(pods(ns, "manual").stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("busybox:1")));

        Pod one = pods(ns, "manual").get(0);
        client.pods().inNamespace(ns).withName(one.getMetadata().getName()).delete();
        client.apps().daemonSets().inNamespace(ns).withName("manual").waitUntilCondition(ds -> ds.getStatus().getUpdatedNumberScheduled() != null
                && ds.getStatus().getUpdatedNumberScheduled() == 1 && ds.getStatus().getNumberAvailable() == nodes.size(), 60, TimeUnit.SECONDS);
        List<Pod> pods = pods(ns, "manual");
        assertEquals(1, pods.stream().filter(p -> p.getSpec().getContainers().get(0).getImage().equals("busybox:2")).count());
    }

    @Test
    void rolloutHistoryAndUndo() throws Exception {
        String ns = SharedServer.namespace("ds-undo");
        Set<String> nodes = untaintedNodes();
        client.apps().daemonSets().inNamespace(ns).resource(daemonSet("hist", "busybox:1", b -> { })).create();
        waitRolledOut(ns, "hist", nodes.size());
        assertEquals(0, SharedServer.kubectl("1.33", "set", "image", "-n", ns, "daemonset/hist", "c=busybox:2").exitCode());
        Distribution.Result status = SharedServer.kubectl("1.33", "rollout", "status", "-n", ns, "daemonset/hist", "--timeout=90s");
        assertEquals(0, status.exitCode(), status.stdout() + status.stderr());

        Distribution.Result history = SharedServer.kubectl("1.33", "rollout", "history", "-n", ns, "daemonset/hist");
        assertEquals(0, history.exitCode(), history.stderr());
        List<String> revisions = history.stdout().lines().skip(2).filter(l -> !l.isBlank()).map(l -> l.trim().split("\\s+")[0]).toList();
        assertEquals(List.of("1", "2"), revisions, history.stdout());
        Distribution.Result first = SharedServer.kubectl("1.33", "rollout", "history", "-n", ns, "daemonset/hist", "--revision=1");
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(first.stdout().contains("busybox:1"), first.stdout());

        for (String version : List.of("1.31", "1.33")) {
            Distribution.Result undo = SharedServer.kubectl(version, "rollout", "undo", "-n", ns, "daemonset/hist");
            assertEquals(0, undo.exitCode(), undo.stdout() + undo.stderr());
            assertTrue(undo.stdout().contains("rolled back"), undo.stdout());
            String image = version.equals("1.31") ? "busybox:1" : "busybox:2";
            client.pods().inNamespace(ns).withLabel("app", "hist").informOnCondition(list -> list.size() == nodes.size()
                    && list.stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals(image))).get(90, TimeUnit.SECONDS);
            waitRolledOut(ns, "hist", nodes.size());
        }
        // the undone-to templates' revisions were renumbered, not copied
        List<ControllerRevision> all = client.apps().controllerRevisions().inNamespace(ns).list().getItems();
        assertEquals(2, all.size(), all.toString());
        Map<Long, String> images = new HashMap<>();
        for (ControllerRevision revision : all) {
            images.put(revision.getRevision(), String.valueOf(revision.getData()));
        }
        assertEquals(Set.of(3L, 4L), images.keySet());
        assertTrue(images.get(4L).contains("busybox:2"), images.toString());
    }
}
