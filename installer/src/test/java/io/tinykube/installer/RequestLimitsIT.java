package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Oversized and malformed bodies are refused with a Status; nothing stored is lost and the server keeps serving. */
class RequestLimitsIT {

    @Test
    void bodyOverThreeMebibytesIsRefusedWith413() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("limits");
        String big = "x".repeat(3 * 1024 * 1024 + 10);
        KubernetesClientException error = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("big").endMetadata()
                        .withData(Map.of("blob", big)).build()).create());
        assertEquals(413, error.getCode());
        assertNull(client.configMaps().inNamespace(ns).withName("big").get());
        assertEquals(200, SharedServer.get().get("/readyz").statusCode());
    }

    @Test
    void malformedJsonIsABadRequestAndLosesNothing() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("malformed");
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("keep").endMetadata()
                .withData(Map.of("k", "v")).build()).create();
        var http = client.getHttpClient();
        var response = http.sendAsync(http.newHttpRequestBuilder()
                .uri(SharedServer.get().uri("/api/v1/namespaces/" + ns + "/configmaps/keep"))
                .put("application/json", "{\"metadata\": {\"name\": \"keep\"}, \"data\": {\"k\": ")
                .build(), String.class).get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(400, response.code());
        assertTrue(response.body().contains("\"reason\":\"BadRequest\""), response.body());
        assertEquals("v", client.configMaps().inNamespace(ns).withName("keep").get().getData().get("k"));
    }

    private static void assertNull(Object value) {
        org.junit.jupiter.api.Assertions.assertNull(value);
    }
}
