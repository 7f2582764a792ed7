package io.tinykube.installer;

import static io.tinykube.installer.StatefulSetOrderingIT.statefulSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** StatefulSet updates: rolling with a partition, OnDelete, revisions seen by kubectl rollout, claim retention. */
class StatefulSetUpdateIT {

    private static StatefulSet await(KubernetesClient client, String ns, String name, Predicate<StatefulSet> condition) {
        return client.apps().statefulSets().inNamespace(ns).withName(name).waitUntilCondition(
                s -> s != null && s.getStatus() != null && condition.test(s), 90, TimeUnit.SECONDS);
    }

    private static boolean allReady(StatefulSet s) {
        return s.getStatus().getObservedGeneration() != null && s.getStatus().getObservedGeneration().equals(s.getMetadata().getGeneration())
                && s.getSpec().getReplicas().equals(s.getStatus().getReadyReplicas());
    }

    private static String revision(KubernetesClient client, String ns, String pod) {
        Pod found = client.pods().inNamespace(ns).withName(pod).get();
        return found == null ? null : found.getMetadata().getLabels().get("controller-revision-hash");
    }

    private static void setImage(KubernetesClient client, String ns, String name, String image) {
        client.apps().statefulSets().inNamespace(ns).withName(name).edit(s -> {
            s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return s;
        });
    }

    @Test
    void aRollingUpdateReplacesPodsFromTheHighestOrdinalDownToThePartition() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("sts-partition");
        statefulSet(client, ns, "web", 3, """
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate: {partition: 1}""");
        String oldRevision = await(client, ns, "web", StatefulSetUpdateIT::allReady).getStatus().getCurrentRevision();
        setImage(client, ns, "web", "busybox:2");
        StatefulSet updated = await(client, ns, "web", s -> allReady(s) && Integer.valueOf(2).equals(s.getStatus().getUpdatedReplicas()));
        String newRevision = updated.getStatus().getUpdateRevision();
        assertNotEquals(oldRevision, newRevision);
        assertEquals(oldRevision, updated.getStatus().getCurrentRevision());
        assertEquals(newRevision, revision(client, ns, "web-2"));
        assertEquals(newRevision, revision(client, ns, "web-1"));
        assertEquals(oldRevision, revision(client, ns, "web-0"), "below the partition the old revision stays");
        Distribution.Result status = SharedServer.kubectl("1.33", "rollout", "status", "statefulset/web", "-n", ns, "--timeout=60s");
        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.stdout().contains("partitioned roll out complete: 2 new pods have been updated..."), status.output());

        client.apps().statefulSets().inNamespace(ns).withName("web").edit(s -> {
            s.getSpec().getUpdateStrategy().getRollingUpdate().setPartition(0);
            return s;
        });
        StatefulSet done = await(client, ns, "web", s -> newRevision.equals(s.getStatus().getCurrentRevision()) && allReady(s));
        assertEquals(3, done.getStatus().getUpdatedReplicas());
        assertEquals(3, done.getStatus().getCurrentReplicas());
        assertEquals(newRevision, revision(client, ns, "web-0"));
    }

    @Test
    void onDeleteReplacesAPodOnlyWhenItIsDeleted() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("sts-ondelete");
        statefulSet(client, ns, "web", 2, """
                  updateStrategy:
                    type: OnDelete""");
        String oldRevision = await(client, ns, "web", StatefulSetUpdateIT::allReady).getStatus().getCurrentRevision();
        setImage(client, ns, "web", "busybox:2");
        StatefulSet seen = await(client, ns, "web", s -> s.getStatus().getObservedGeneration() == 2 && !oldRevision.equals(s.getStatus().getUpdateRevision()));
        String newRevision = seen.getStatus().getUpdateRevision();
        assertEquals(oldRevision, revision(client, ns, "web-0"));
        assertEquals(oldRevision, revision(client, ns, "web-1"));
        assertEquals(2, seen.getStatus().getCurrentReplicas());

        String oldUid = client.pods().inNamespace(ns).withName("web-1").get().getMetadata().getUid();
        client.pods().inNamespace(ns).withName("web-1").delete();
        Pod replaced = client.pods().inNamespace(ns).withName("web-1").waitUntilCondition(p -> p != null
                && !p.getMetadata().getUid().equals(oldUid) && "Running".equals(p.getStatus().getPhase()), 60, TimeUnit.SECONDS);
        assertEquals(newRevision, replaced.getMetadata().getLabels().get("controller-revision-hash"));
        assertEquals(oldRevision, revision(client, ns, "web-0"));
        await(client, ns, "web", s -> Integer.valueOf(1).equals(s.getStatus().getUpdatedReplicas()));
    }

    @Test
    void kubectlRolloutHistoryAndUndoUseTheControllerRevisions() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("sts-undo");
        statefulSet(client, ns, "web", 2, "");
        await(client, ns, "web", StatefulSetUpdateIT::allReady);
        setImage(client, ns, "web", "busybox:2");
        await(client, ns, "web", s -> allReady(s) && s.getStatus().getUpdateRevision().equals(s.getStatus().getCurrentRevision())
                && s.getMetadata().getGeneration() == 2);

        List<ControllerRevision> revisions = client.apps().controllerRevisions().inNamespace(ns).list().getItems();
        assertEquals(2, revisions.size());
        for (ControllerRevision revision : revisions) {
            assertTrue(revision.getMetadata().getName().startsWith("web-"));
            assertEquals(revision.getMetadata().getName(), "web-" + revision.getMetadata().getLabels().get("controller.kubernetes.io/hash"));
            OwnerReference owner = revision.getMetadata().getOwnerReferences().get(0);
            assertEquals("StatefulSet", owner.getKind());
        }
        Distribution.Result history = SharedServer.kubectl("1.33", "rollout", "history", "statefulset/web", "-n", ns);
        assertEquals(0, history.exitCode(), history.output());
        assertTrue(history.stdout().matches("(?s).*REVISION\\s+CHANGE-CAUSE\\s+1\\s+<none>\\s+2\\s+<none>.*"), history.output());
        Distribution.Result first = SharedServer.kubectl("1.33", "rollout", "history", "statefulset/web", "-n", ns, "--revision=1");
        assertTrue(first.stdout().contains("Image:\tbusybox:1"), first.output());

        Distribution.Result undo = SharedServer.kubectl("1.33", "rollout", "undo", "statefulset/web", "-n", ns);
        assertEquals(0, undo.exitCode(), undo.output());
        StatefulSet back = await(client, ns, "web", s -> s.getMetadata().getGeneration() == 3 && allReady(s)
                && s.getStatus().getUpdateRevision().equals(s.getStatus().getCurrentRevision()));
        assertEquals("busybox:1", back.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("busybox:1", client.pods().inNamespace(ns).withName("web-0").get().getSpec().getContainers().get(0).getImage());
        Distribution.Result after = SharedServer.kubectl("1.33", "rollout", "history", "statefulset/web", "-n", ns);
        assertTrue(after.stdout().matches("(?s).*\\s2\\s+<none>\\s+3\\s+<none>.*"), after.output());
        Distribution.Result status = SharedServer.kubectl("1.31", "rollout", "status", "statefulset/web", "-n", ns, "--timeout=30s");
        assertEquals(0, status.exitCode(), status.output());
    }

    @Test
    void theRetentionPolicyDecidesWhoOwnsTheClaims() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("sts-retention");
        StatefulSet set = statefulSet(client, ns, "db", 2, """
                  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Delete}""");
        await(client, ns, "db", StatefulSetUpdateIT::allReady);
        for (String claim : List.of("data-db-0", "data-db-1")) {
            List<OwnerReference> owners = client.persistentVolumeClaims().inNamespace(ns).withName(claim).get().getMetadata().getOwnerReferences();
            assertEquals(1, owners.size(), claim);
            assertEquals(set.getMetadata().getUid(), owners.get(0).getUid());
        }
        String podUid = client.pods().inNamespace(ns).withName("db-1").get().getMetadata().getUid();
        client.apps().statefulSets().inNamespace(ns).withName("db").scale(1);
        client.persistentVolumeClaims().inNamespace(ns).withName("data-db-1").waitUntilCondition(claim -> claim == null
                || claim.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(podUid)), 60, TimeUnit.SECONDS);
        var scaled = client.persistentVolumeClaims().inNamespace(ns).withName("data-db-1").get();
        if (scaled != null) { // the garbage collector may already have removed it with its pod
            assertTrue(scaled.getMetadata().getOwnerReferences().stream().noneMatch(o -> o.getUid().equals(set.getMetadata().getUid())));
        }
        assertEquals(set.getMetadata().getUid(), client.persistentVolumeClaims().inNamespace(ns).withName("data-db-0").get()
                .getMetadata().getOwnerReferences().get(0).getUid());
    }
}
