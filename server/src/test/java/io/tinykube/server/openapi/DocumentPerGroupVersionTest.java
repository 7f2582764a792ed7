package io.tinykube.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.ResourceType;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One generated document per served group-version, whose hash is the SHA-512 of its JSON. */
class DocumentPerGroupVersionTest {

    @Test
    void everyGroupVersionHasADocumentWithItsHash() throws Exception {
        Map<String, List<ResourceType>> groupVersions = BuiltinResources.byGroupVersion();
        assertEquals(groupVersions.size(), OpenApiDocuments.get().all().size());
        for (List<ResourceType> types : groupVersions.values()) {
            ResourceType first = types.get(0);
            String key = OpenApiDocuments.key(first.group(), first.version());
            OpenApiDocuments.Document document = OpenApiDocuments.get().find(key);
            assertNotNull(document, key);
            byte[] json;
            try (InputStream in = OpenApiDocuments.get().open(document)) {
                json = in.readAllBytes();
            }
            assertEquals(document.size(), json.length, key);
            String sha512 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(json));
            assertEquals(sha512, document.hash(), key);
            assertEquals("/openapi/v3/" + key + "?hash=" + sha512, document.serverRelativeUrl());
        }
        assertNotNull(OpenApiDocuments.get().find("api/v1"));
        assertNotNull(OpenApiDocuments.get().find("apis/apps/v1"));
    }

    @Test
    void documentsAreOpenApi3WithComponentsAndPaths() {
        for (String key : OpenApiDocuments.get().all().keySet()) {
            JsonNode document = OpenApiTestDocuments.document(key);
            assertEquals("3.0.0", document.path("openapi").asText(), key);
            assertTrue(document.path("components").path("schemas").size() > 5, key);
            assertTrue(document.path("paths").size() > 1, key);
            // Every reference resolves inside the same document.
            assertRefsResolve(document, document, key);
        }
    }

    @Test
    void everyServedKindAndListHasItsGroupVersionKind() {
        for (ResourceType type : BuiltinResources.all()) {
            String key = OpenApiDocuments.key(type.group(), type.version());
            JsonNode schemas = OpenApiTestDocuments.document(key).path("components").path("schemas");
            assertTrue(hasKind(schemas, type.group(), type.version(), type.kind()), key + " " + type.kind());
            if (!type.virtual()) {
                assertTrue(hasKind(schemas, type.group(), type.version(), type.listKind()), key + " " + type.listKind());
            }
        }
        JsonNode core = OpenApiTestDocuments.document("api/v1").path("components").path("schemas");
        assertTrue(hasKind(core, "policy", "v1", "Eviction"));
        assertTrue(hasKind(core, "authentication.k8s.io", "v1", "TokenRequest"));
        assertTrue(hasKind(core, "", "v1", "Status"));
        assertTrue(hasKind(OpenApiTestDocuments.document("apis/apps/v1").path("components").path("schemas"),
                "autoscaling", "v1", "Scale"));
    }

    @Test
    void schemaNamesAreUpstreams() {
        JsonNode schemas = OpenApiTestDocuments.document("apis/apps/v1").path("components").path("schemas");
        for (String name : List.of("io.k8s.api.apps.v1.Deployment", "io.k8s.api.core.v1.PodTemplateSpec",
                "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
                "io.k8s.apimachinery.pkg.api.resource.Quantity", "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
                "io.k8s.api.autoscaling.v1.Scale", "io.k8s.apimachinery.pkg.runtime.RawExtension")) {
            assertFalse(schemas.path(name).isMissingNode(), name);
        }
        assertEquals("int-or-string", schemas.path("io.k8s.apimachinery.pkg.util.intstr.IntOrString").path("format").asText());
        assertEquals("date-time", schemas.path("io.k8s.apimachinery.pkg.apis.meta.v1.Time").path("format").asText());
        JsonNode events = OpenApiTestDocuments.document("apis/events.k8s.io/v1").path("components").path("schemas");
        assertEquals("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
                events.path("io.k8s.api.events.v1.Event").path("properties").path("eventTime").path("allOf").path(0).path("$ref").asText());
        JsonNode core = OpenApiTestDocuments.document("api/v1").path("components").path("schemas");
        assertFalse(core.path("io.k8s.api.core.v1.Event").isMissingNode());
        assertFalse(core.path("io.k8s.api.core.v1.EndpointPort").isMissingNode());
    }

    private static boolean hasKind(JsonNode schemas, String group, String version, String kind) {
        for (JsonNode schema : schemas) {
            for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
                if (gvk.path("group").asText().equals(group) && gvk.path("version").asText().equals(version)
                        && gvk.path("kind").asText().equals(kind)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void assertRefsResolve(JsonNode document, JsonNode node, String key) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                String name = ref.asText().substring("#/components/schemas/".length());
                assertFalse(document.path("components").path("schemas").path(name).isMissingNode(), key + ": " + name);
            }
            node.forEach(child -> assertRefsResolve(document, child, key));
        } else if (node.isArray()) {
            node.forEach(child -> assertRefsResolve(document, child, key));
        }
    }
}
