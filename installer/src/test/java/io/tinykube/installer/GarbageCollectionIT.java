package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cascading deletion through ownerReferences, as {@code kubectl delete --cascade=background|foreground|orphan}
 * asks for it, over a three-level chain: config map {@code top} owns config map {@code middle}, which owns
 * a pod running on a simulated node and a config map {@code held} (whose own finalizer can hold a deletion).
 */
class GarbageCollectionIT {
    private static final String HOLD = "example.com/hold";

    private record Chain(ConfigMap top, ConfigMap middle, Pod pod, ConfigMap held) {
    }

    @Test
    void backgroundCascadeDeletesTheWholeChain() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("gc-background");
        chain(client, ns, false);
        Distribution.Result deleted = SharedServer.kubectl("1.33", "delete", "configmap", "top", "-n", ns, "--cascade=background");
        assertEquals(0, deleted.exitCode(), deleted.output());
        waitGone(client, ns, "middle");
        client.pods().inNamespace(ns).withName("bottom").waitUntilCondition(pod -> pod == null, 60, TimeUnit.SECONDS);
        waitGone(client, ns, "held");
    }

    @Test
    void foregroundCascadeKeepsOwnersUntilTheirDependentsAreGone() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("gc-foreground");
        chain(client, ns, true);
        Distribution.Result deleted = SharedServer.kubectl("1.32", "delete", "configmap", "top", "-n", ns, "--cascade=foreground", "--wait=false");
        assertEquals(0, deleted.exitCode(), deleted.output());
        // middle is deleted in the foreground too, since it has dependents; the pod goes; held holds both owners
        ConfigMap middle = client.configMaps().inNamespace(ns).withName("middle").waitUntilCondition(
                cm -> cm != null && cm.getMetadata().getDeletionTimestamp() != null, 30, TimeUnit.SECONDS);
        assertTrue(middle.getMetadata().getFinalizers().contains("foregroundDeletion"), middle.getMetadata().toString());
        client.pods().inNamespace(ns).withName("bottom").waitUntilCondition(pod -> pod == null, 60, TimeUnit.SECONDS);
        ConfigMap held = client.configMaps().inNamespace(ns).withName("held").waitUntilCondition(
                cm -> cm != null && cm.getMetadata().getDeletionTimestamp() != null, 30, TimeUnit.SECONDS);
        ConfigMap top = client.configMaps().inNamespace(ns).withName("top").get();
        assertNotNull(top, "the owner stays while a blocking dependent remains");
        assertEquals(List.of("foregroundDeletion"), top.getMetadata().getFinalizers());
        assertNotNull(top.getMetadata().getDeletionTimestamp());
        assertNotNull(client.configMaps().inNamespace(ns).withName("middle").get());

        held.getMetadata().setFinalizers(List.of());
        client.configMaps().inNamespace(ns).resource(held).update();
        waitGone(client, ns, "held");
        waitGone(client, ns, "middle");
        waitGone(client, ns, "top");
    }

    @Test
    void orphanCascadeLeavesDependentsWithoutTheOwner() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("gc-orphan");
        Chain chain = chain(client, ns, false);
        Distribution.Result deleted = SharedServer.kubectl("1.31", "delete", "configmap", "top", "-n", ns, "--cascade=orphan");
        assertEquals(0, deleted.exitCode(), deleted.output());
        waitGone(client, ns, "top");
        ConfigMap middle = client.configMaps().inNamespace(ns).withName("middle").waitUntilCondition(
                cm -> cm != null && cm.getMetadata().getOwnerReferences().isEmpty(), 30, TimeUnit.SECONDS);
        assertNull(middle.getMetadata().getDeletionTimestamp());
        Pod pod = client.pods().inNamespace(ns).withName("bottom").get();
        assertEquals(chain.middle().getMetadata().getUid(), pod.getMetadata().getOwnerReferences().get(0).getUid());
        assertNull(pod.getMetadata().getDeletionTimestamp());
        // the orphans are still owned by nothing that is gone: deleting middle in the background takes them
        SharedServer.kubectl("1.33", "delete", "configmap", "middle", "-n", ns);
        client.pods().inNamespace(ns).withName("bottom").waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);
    }

    @Test
    void dependentsOfMissingOwnersAreDeletedAndDanglingReferencesDropped() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("gc-dangling");
        ConfigMap alive = create(client, ns, "alive", null);
        OwnerReference ghost = reference("ghost", UUID.randomUUID().toString(), false);
        create(client, ns, "orphaned", ghost);
        ConfigMap shared = new ConfigMapBuilder().withNewMetadata().withName("shared")
                .withOwnerReferences(ghost, reference("alive", alive.getMetadata().getUid(), false)).endMetadata().build();
        client.configMaps().inNamespace(ns).resource(shared).create();

        waitGone(client, ns, "orphaned");
        ConfigMap kept = client.configMaps().inNamespace(ns).withName("shared").waitUntilCondition(
                cm -> cm != null && cm.getMetadata().getOwnerReferences().size() == 1, 30, TimeUnit.SECONDS);
        assertEquals("alive", kept.getMetadata().getOwnerReferences().get(0).getName());
        assertNull(kept.getMetadata().getDeletionTimestamp());
    }

    @Test
    void anOwnerRecreatedUnderTheSameNameIsAnotherOwner() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("gc-recreated");
        ConfigMap first = create(client, ns, "owner", null);
        create(client, ns, "dependent", reference("owner", first.getMetadata().getUid(), true));
        client.configMaps().inNamespace(ns).withName("owner").withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.ORPHAN)
                .delete();
        waitGone(client, ns, "owner");
        // recreated before the collector could look: the dependent still names the first owner's uid
        create(client, ns, "owner", null);
        ConfigMap dependent = create(client, ns, "dependent2", reference("owner", first.getMetadata().getUid(), true));
        assertNotNull(dependent);
        waitGone(client, ns, "dependent2");
        assertNotNull(client.configMaps().inNamespace(ns).withName("owner").get());
        assertNotNull(client.configMaps().inNamespace(ns).withName("dependent").get(), "orphaned before the owner went");
    }

    @Test
    void aClusterScopedOwnerCascadesToNamespacedDependents() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("gc-cluster");
        String roleName = ns + "-owner";
        ClusterRole role = client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(roleName)
                .endMetadata().build()).create();
        OwnerReference toRole = new OwnerReferenceBuilder().withApiVersion("rbac.authorization.k8s.io/v1").withKind("ClusterRole")
                .withName(roleName).withUid(role.getMetadata().getUid()).build();
        create(client, ns, "owned-by-cluster", toRole);
        // a namespaced owner is looked up in the dependent's own namespace only
        String other = SharedServer.namespace("gc-other");
        ConfigMap elsewhere = create(client, other, "elsewhere", null);
        create(client, ns, "elsewhere-owned", reference("elsewhere", elsewhere.getMetadata().getUid(), false));
        waitGone(client, ns, "elsewhere-owned");

        assertNotNull(client.configMaps().inNamespace(ns).withName("owned-by-cluster").get());
        Distribution.Result deleted = SharedServer.kubectl("1.33", "delete", "clusterrole", roleName);
        assertEquals(0, deleted.exitCode(), deleted.output());
        waitGone(client, ns, "owned-by-cluster");
    }

    /** top → middle → (pod bottom on a simulated node, config map held); held carries {@link #HOLD} when asked. */
    private static Chain chain(KubernetesClient client, String ns, boolean hold) throws Exception {
        SharedServer.nodes();
        ConfigMap top = create(client, ns, "top", null);
        ConfigMap middle = create(client, ns, "middle", reference("top", top.getMetadata().getUid(), true));
        OwnerReference toMiddle = reference("middle", middle.getMetadata().getUid(), true);
        // no scheduler yet: the pod names its node
        Pod pod = client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("bottom").withOwnerReferences(toMiddle)
                .endMetadata().withNewSpec().withNodeName("shared-node-1").addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().build()).create();
        client.pods().inNamespace(ns).withName("bottom").waitUntilCondition(
                p -> p != null && "Running".equals(p.getStatus().getPhase()), 30, TimeUnit.SECONDS);
        ConfigMap held = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("held")
                .withOwnerReferences(toMiddle).withFinalizers(hold ? List.of(HOLD) : List.of()).endMetadata().build()).create();
        return new Chain(top, middle, pod, held);
    }

    private static ConfigMap create(KubernetesClient client, String ns, String name, OwnerReference owner) {
        ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata();
        if (owner != null) {
            builder.editMetadata().withOwnerReferences(owner).endMetadata();
        }
        return client.configMaps().inNamespace(ns).resource(builder.build()).create();
    }

    private static OwnerReference reference(String name, String uid, boolean block) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName(name).withUid(uid)
                .withBlockOwnerDeletion(block).build();
    }

    private static void waitGone(KubernetesClient client, String ns, String name) {
        HasMetadata gone = client.configMaps().inNamespace(ns).withName(name).waitUntilCondition(cm -> cm == null, 60, TimeUnit.SECONDS);
        assertNull(gone);
    }
}
