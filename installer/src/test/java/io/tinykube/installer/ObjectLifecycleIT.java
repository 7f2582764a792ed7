package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Create, read, replace and delete with upstream's object semantics and errors, through the fabric8 client. */
class ObjectLifecycleIT {

    private static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().withData(data).build();
    }

    @Test
    void createdObjectsCarrySystemMetadata() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("meta");
        ConfigMap created = client.configMaps().inNamespace(ns).resource(configMap("app", Map.of("k", "v"))).create();
        assertNotNull(created.getMetadata().getUid());
        assertNotNull(created.getMetadata().getCreationTimestamp());
        assertTrue(Long.parseLong(created.getMetadata().getResourceVersion()) > 0);
        assertEquals(ns, created.getMetadata().getNamespace());
        assertNull(created.getMetadata().getGeneration(), "configmaps do not track generation");
        ConfigMap read = client.configMaps().inNamespace(ns).withName("app").get();
        assertEquals(created.getMetadata().getResourceVersion(), read.getMetadata().getResourceVersion());
        assertEquals("v", read.getData().get("k"));
    }

    @Test
    void generateNameMakesAUniqueName() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("gen");
        ConfigMap template = new ConfigMapBuilder().withNewMetadata().withGenerateName("job-").endMetadata().build();
        ConfigMap first = client.configMaps().inNamespace(ns).resource(template).create();
        ConfigMap second = client.configMaps().inNamespace(ns).resource(template).create();
        assertTrue(first.getMetadata().getName().matches("job-[a-z0-9]{5}"), first.getMetadata().getName());
        assertTrue(!first.getMetadata().getName().equals(second.getMetadata().getName()));
    }

    @Test
    void duplicateCreateIsAlreadyExists() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("dup");
        client.configMaps().inNamespace(ns).resource(configMap("same", Map.of())).create();
        KubernetesClientException error = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace(ns).resource(configMap("same", Map.of())).create());
        assertEquals(409, error.getCode());
        assertEquals("AlreadyExists", error.getStatus().getReason());
        assertEquals("configmaps \"same\" already exists", error.getStatus().getMessage());
    }

    @Test
    void staleResourceVersionIsAConflictAndLosesNothing() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("stale");
        ConfigMap created = client.configMaps().inNamespace(ns).resource(configMap("cm", Map.of("v", "1"))).create();
        ConfigMap newer = client.configMaps().inNamespace(ns).resource(configMap("cm", Map.of("v", "2"))).update();
        created.setData(Map.of("v", "stale"));
        KubernetesClientException error = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace(ns).resource(created).update());
        assertEquals(409, error.getCode());
        assertEquals("Conflict", error.getStatus().getReason());
        assertEquals("Operation cannot be fulfilled on configmaps \"cm\": the object has been modified; please apply your changes "
                + "to the latest version and try again", error.getStatus().getMessage());
        ConfigMap stored = client.configMaps().inNamespace(ns).withName("cm").get();
        assertEquals("2", stored.getData().get("v"));
        assertEquals(newer.getMetadata().getResourceVersion(), stored.getMetadata().getResourceVersion());
    }

    @Test
    void missingObjectIsNotFound() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("missing");
        assertNull(client.configMaps().inNamespace(ns).withName("nothing").get());
        KubernetesClientException error = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace("no-such-namespace").resource(configMap("x", Map.of())).create());
        assertEquals(404, error.getCode());
        assertEquals("namespaces \"no-such-namespace\" not found", error.getStatus().getMessage());
    }

    @Test
    void invalidNameIsRejectedWithFieldCauses() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("invalid");
        KubernetesClientException error = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace(ns).resource(configMap("Not_Valid", Map.of())).create());
        assertEquals(422, error.getCode());
        assertEquals("Invalid", error.getStatus().getReason());
        assertTrue(error.getStatus().getMessage().startsWith("ConfigMap \"Not_Valid\" is invalid: metadata.name: Invalid value: \"Not_Valid\": "
                + "a lowercase RFC 1123 subdomain"), error.getStatus().getMessage());
        StatusDetails details = error.getStatus().getDetails();
        assertEquals("metadata.name", details.getCauses().get(0).getField());
        assertEquals("FieldValueInvalid", details.getCauses().get(0).getReason());
    }

    @Test
    void deploymentsAreDefaultedAndTrackGeneration() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("deploy");
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
        Deployment created = client.apps().deployments().inNamespace(ns).resource(deployment).create();
        assertEquals(1L, created.getMetadata().getGeneration());
        assertEquals(1, created.getSpec().getReplicas());
        assertEquals("RollingUpdate", created.getSpec().getStrategy().getType());
        assertEquals("25%", created.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal());
        assertEquals("IfNotPresent", created.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy());
        // The Deployment controller writes status meanwhile: changes are merge patches, not PUTs of a stale copy.
        Deployment updated = client.apps().deployments().inNamespace(ns).withName("web")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":3}}");
        assertEquals(2L, updated.getMetadata().getGeneration());
        Deployment relabelled = client.apps().deployments().inNamespace(ns).withName("web")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"team\":\"a\"}}}");
        assertEquals(2L, relabelled.getMetadata().getGeneration(), "metadata changes do not bump generation");
    }

    @Test
    void selectorThatMissesTheTemplateIsInvalid() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("selector");
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "other").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
                .endTemplate().endSpec().build();
        KubernetesClientException error = assertThrows(KubernetesClientException.class,
                () -> client.apps().deployments().inNamespace(ns).resource(deployment).create());
        assertEquals(422, error.getCode());
        assertTrue(error.getStatus().getMessage().contains("spec.template.metadata.labels: Invalid value"), error.getStatus().getMessage());
        assertTrue(error.getStatus().getMessage().contains("`selector` does not match template `labels`"), error.getStatus().getMessage());
    }

    @Test
    void finalizersHoldDeletionUntilRemoved() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("final");
        ConfigMap held = configMap("held", Map.of());
        held.getMetadata().setFinalizers(List.of("example.com/hold"));
        client.configMaps().inNamespace(ns).resource(held).create();
        client.configMaps().inNamespace(ns).withName("held").delete();
        ConfigMap deleting = client.configMaps().inNamespace(ns).withName("held").get();
        assertNotNull(deleting, "a finalizer keeps the object");
        assertNotNull(deleting.getMetadata().getDeletionTimestamp());
        deleting.getMetadata().setFinalizers(List.of());
        client.configMaps().inNamespace(ns).resource(deleting).update();
        assertNull(client.configMaps().inNamespace(ns).withName("held").get(), "removing the last finalizer deletes it");
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("dry");
        ConfigMap answered = client.configMaps().inNamespace(ns).resource(configMap("dry", Map.of("a", "b"))).dryRun().create();
        assertEquals("dry", answered.getMetadata().getName());
        assertNull(client.configMaps().inNamespace(ns).withName("dry").get());
    }
}
