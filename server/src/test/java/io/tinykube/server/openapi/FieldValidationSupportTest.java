package io.tinykube.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.ResourceType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kubectl sends fieldValidation=Strict only if the v3 document of the group-version has a patch operation with
 * the kind's x-kubernetes-group-version-kind and a fieldValidation parameter (cli-runtime's
 * query_param_verifier_v3); this test runs the same search.
 */
class FieldValidationSupportTest {

    @Test
    void deploymentsPatchOperation() {
        JsonNode patch = OpenApiTestDocuments.document("apis/apps/v1").path("paths")
                .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("patch");
        assertEquals("patch", patch.path("x-kubernetes-action").asText());
        assertEquals("patchAppsV1NamespacedDeployment", patch.path("operationId").asText());
        JsonNode gvk = patch.path("x-kubernetes-group-version-kind");
        assertEquals("apps", gvk.path("group").asText());
        assertEquals("v1", gvk.path("version").asText());
        assertEquals("Deployment", gvk.path("kind").asText());
        JsonNode fieldValidation = parameter(patch, "fieldValidation");
        assertNotNull(fieldValidation);
        assertEquals("query", fieldValidation.path("in").asText());
        assertEquals("string", fieldValidation.path("schema").path("type").asText());
        assertTrue(fieldValidation.path("schema").path("uniqueItems").asBoolean());
        for (String name : new String[] {"dryRun", "fieldManager", "force"}) {
            assertNotNull(parameter(patch, name), name);
        }
        assertTrue(patch.path("requestBody").path("content").has("application/apply-patch+yaml"));
        assertTrue(patch.path("requestBody").path("content").has("application/strategic-merge-patch+json"));
    }

    @Test
    void everyStoredKindSupportsServerSideFieldValidation() {
        for (ResourceType type : BuiltinResources.all()) {
            if (type.virtual()) {
                continue;
            }
            JsonNode document = OpenApiTestDocuments.document(OpenApiDocuments.key(type.group(), type.version()));
            assertTrue(supportsQueryParam(document, type.group(), type.version(), type.kind(), "fieldValidation"),
                    type.apiVersion() + " " + type.kind());
        }
    }

    @Test
    void listAndCreateOperations() {
        JsonNode paths = OpenApiTestDocuments.document("api/v1").path("paths");
        JsonNode list = paths.path("/api/v1/namespaces/{namespace}/pods").path("get");
        assertEquals("list", list.path("x-kubernetes-action").asText());
        for (String name : new String[] {"labelSelector", "fieldSelector", "watch", "resourceVersion", "limit"}) {
            assertNotNull(parameter(list, name), name);
        }
        JsonNode post = paths.path("/api/v1/namespaces/{namespace}/pods").path("post");
        assertEquals("post", post.path("x-kubernetes-action").asText());
        assertNotNull(parameter(post, "fieldValidation"));
        assertEquals("get", paths.path("/api/v1/namespaces/{namespace}/pods/{name}").path("get").path("x-kubernetes-action").asText());
        assertEquals("delete", paths.path("/api/v1/namespaces/{namespace}/pods/{name}").path("delete").path("x-kubernetes-action").asText());
        assertEquals("put", paths.path("/api/v1/namespaces/{namespace}/pods/{name}").path("put").path("x-kubernetes-action").asText());
        assertEquals("list", paths.path("/api/v1/pods").path("get").path("x-kubernetes-action").asText());
        assertEquals("Eviction", paths.path("/api/v1/namespaces/{namespace}/pods/{name}/eviction").path("post")
                .path("x-kubernetes-group-version-kind").path("kind").asText());
        assertEquals("connect", paths.path("/api/v1/namespaces/{namespace}/pods/{name}/exec").path("get")
                .path("x-kubernetes-action").asText());
        assertEquals("Scale", OpenApiTestDocuments.document("apis/apps/v1").path("paths")
                .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale").path("patch")
                .path("x-kubernetes-group-version-kind").path("kind").asText());
    }

    /** cli-runtime's supportsQueryParamV3, in Java. */
    static boolean supportsQueryParam(JsonNode document, String group, String version, String kind, String param) {
        for (Map.Entry<String, JsonNode> path : (Iterable<Map.Entry<String, JsonNode>>) document.path("paths")::fields) {
            JsonNode patch = path.getValue().get("patch");
            if (patch == null) {
                continue;
            }
            JsonNode gvk = patch.path("x-kubernetes-group-version-kind");
            if (!gvk.path("group").asText().equals(group) || !gvk.path("version").asText().equals(version)
                    || !gvk.path("kind").asText().equals(kind)) {
                continue;
            }
            return parameter(patch, param) != null;
        }
        return false;
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        return null;
    }
}
