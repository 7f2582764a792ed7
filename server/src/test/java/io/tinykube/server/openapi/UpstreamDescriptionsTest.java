package io.tinykube.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Descriptions, types and required fields come from the Kubernetes Java client's models (upstream's text). */
class UpstreamDescriptionsTest {

    @Test
    void deploymentSpecReplicasHasUpstreamsDescription() {
        JsonNode replicas = OpenApiTestDocuments.schema("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec")
                .path("properties").path("replicas");
        assertEquals("Number of desired pods. This is a pointer to distinguish between explicit zero and not specified."
                + " Defaults to 1.", replicas.path("description").asText());
        assertEquals("integer", replicas.path("type").asText());
        assertEquals("int32", replicas.path("format").asText());
    }

    @Test
    void kindsCarryTypeDescriptionsAndRequiredFields() {
        JsonNode spec = OpenApiTestDocuments.schema("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec");
        assertEquals("DeploymentSpec is the specification of the desired behavior of the Deployment.",
                spec.path("description").asText());
        assertTrue(spec.path("required").toString().contains("\"selector\""));
        assertTrue(spec.path("required").toString().contains("\"template\""));
        JsonNode container = OpenApiTestDocuments.schema("api/v1", "io.k8s.api.core.v1.Container");
        assertEquals("[\"name\"]", container.path("required").toString());
    }

    @Test
    void referencesWithDescriptionsAreWrappedInAllOf() {
        JsonNode metadata = OpenApiTestDocuments.schema("apis/apps/v1", "io.k8s.api.apps.v1.Deployment")
                .path("properties").path("metadata");
        assertEquals("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
                metadata.path("allOf").path(0).path("$ref").asText());
        assertTrue(metadata.path("description").asText().startsWith("Standard object's metadata."));
        JsonNode creation = OpenApiTestDocuments.schema("apis/apps/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
                .path("properties").path("creationTimestamp");
        assertEquals("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time",
                creation.path("allOf").path(0).path("$ref").asText());
        assertTrue(creation.path("description").asText().startsWith("CreationTimestamp is a timestamp"));
    }
}
