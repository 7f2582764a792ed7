package io.tinykube.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The x-kubernetes list, map and patch extensions of upstream's Go types are in the documents. */
class ListAndPatchExtensionsTest {

    private static JsonNode property(String document, String schema, String property) {
        return OpenApiTestDocuments.schema(document, schema).path("properties").path(property);
    }

    @Test
    void podSpecContainersMergeByName() {
        JsonNode containers = property("apis/apps/v1", "io.k8s.api.core.v1.PodSpec", "containers");
        assertEquals("name", containers.path("x-kubernetes-patch-merge-key").asText());
        assertEquals("merge", containers.path("x-kubernetes-patch-strategy").asText());
        assertEquals("map", containers.path("x-kubernetes-list-type").asText());
        assertEquals("[\"name\"]", containers.path("x-kubernetes-list-map-keys").toString());
        assertEquals("#/components/schemas/io.k8s.api.core.v1.Container", containers.path("items").path("$ref").asText());
    }

    @Test
    void containerPortsAndEnv() {
        JsonNode ports = property("api/v1", "io.k8s.api.core.v1.Container", "ports");
        assertEquals("containerPort", ports.path("x-kubernetes-patch-merge-key").asText());
        assertEquals("[\"containerPort\",\"protocol\"]", ports.path("x-kubernetes-list-map-keys").toString());
        assertEquals("name", property("api/v1", "io.k8s.api.core.v1.Container", "env").path("x-kubernetes-patch-merge-key").asText());
        assertEquals("atomic", property("api/v1", "io.k8s.api.core.v1.Container", "envFrom").path("x-kubernetes-list-type").asText());
        assertEquals("mountPath", property("api/v1", "io.k8s.api.core.v1.Container", "volumeMounts").path("x-kubernetes-patch-merge-key").asText());
    }

    @Test
    void podSpecListsAndMaps() {
        assertEquals("merge,retainKeys", property("api/v1", "io.k8s.api.core.v1.PodSpec", "volumes").path("x-kubernetes-patch-strategy").asText());
        assertEquals("atomic", property("api/v1", "io.k8s.api.core.v1.PodSpec", "tolerations").path("x-kubernetes-list-type").asText());
        assertEquals("ip", property("api/v1", "io.k8s.api.core.v1.PodSpec", "hostAliases").path("x-kubernetes-patch-merge-key").asText());
        assertEquals("[\"topologyKey\",\"whenUnsatisfiable\"]",
                property("api/v1", "io.k8s.api.core.v1.PodSpec", "topologySpreadConstraints").path("x-kubernetes-list-map-keys").toString());
        assertEquals("atomic", property("api/v1", "io.k8s.api.core.v1.PodSpec", "nodeSelector").path("x-kubernetes-map-type").asText());
    }

    @Test
    void objectMetaAndAtomicStructs() {
        JsonNode finalizers = property("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "finalizers");
        assertEquals("merge", finalizers.path("x-kubernetes-patch-strategy").asText());
        assertEquals("set", finalizers.path("x-kubernetes-list-type").asText());
        JsonNode owners = property("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "ownerReferences");
        assertEquals("uid", owners.path("x-kubernetes-patch-merge-key").asText());
        assertEquals("[\"uid\"]", owners.path("x-kubernetes-list-map-keys").toString());
        assertEquals("atomic", property("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "managedFields")
                .path("x-kubernetes-list-type").asText());
        assertEquals("atomic", OpenApiTestDocuments.schema("api/v1", "io.k8s.api.core.v1.LocalObjectReference")
                .path("x-kubernetes-map-type").asText());
        assertEquals("atomic", OpenApiTestDocuments.schema("apis/apps/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")
                .path("x-kubernetes-map-type").asText());
    }

    @Test
    void serviceAndStatusLists() {
        JsonNode ports = property("api/v1", "io.k8s.api.core.v1.ServiceSpec", "ports");
        assertEquals("port", ports.path("x-kubernetes-patch-merge-key").asText());
        assertEquals("[\"port\",\"protocol\"]", ports.path("x-kubernetes-list-map-keys").toString());
        assertEquals("type", property("api/v1", "io.k8s.api.core.v1.PodStatus", "conditions").path("x-kubernetes-patch-merge-key").asText());
        assertEquals("type", property("api/v1", "io.k8s.api.core.v1.NodeStatus", "addresses").path("x-kubernetes-patch-merge-key").asText());
        assertEquals("type", property("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentStatus", "conditions").path("x-kubernetes-patch-merge-key").asText());
        assertEquals("retainKeys", property("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec", "strategy").path("x-kubernetes-patch-strategy").asText());
        assertTrue(property("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec", "strategy").has("allOf"));
    }
}
