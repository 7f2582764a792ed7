package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** kubectl finds the served resources through discovery, aggregated or legacy. */
class DiscoveryIT {

    @Test
    void apiResourcesListsUpstreamNamesShortNamesAndScope() throws Exception {
        for (String version : Kubectl.VERSIONS) {
            Distribution.Result result = SharedServer.kubectl(version, "api-resources");
            assertEquals(0, result.exitCode(), version + ": " + result.output());
            String out = result.stdout();
            assertTrue(out.matches("(?s).*\\npods\\s+po\\s+v1\\s+true\\s+Pod\\n.*"), version + ":\n" + out);
            assertTrue(out.matches("(?s).*\\ndeployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment\\n.*"), out);
            assertTrue(out.matches("(?s).*\\nnamespaces\\s+ns\\s+v1\\s+false\\s+Namespace\\n.*"), out);
            assertTrue(out.matches("(?s).*\\nleases\\s+coordination.k8s.io/v1\\s+true\\s+Lease\\n.*"), out);
        }
    }

    @Test
    void categoryAllNamesTheWorkloads() throws Exception {
        Distribution.Result result = SharedServer.kubectl("1.33", "api-resources", "--categories=all", "-o", "name");
        assertEquals(0, result.exitCode(), result.output());
        for (String resource : new String[] {"pods", "services", "replicationcontrollers", "daemonsets.apps", "deployments.apps",
                "replicasets.apps", "statefulsets.apps", "horizontalpodautoscalers.autoscaling", "cronjobs.batch", "jobs.batch"}) {
            assertTrue(result.stdout().lines().anyMatch(resource::equals), resource + " in:\n" + result.stdout());
        }
    }

    @Test
    void aggregatedDiscoveryIsAnsweredWithItsContentType() throws Exception {
        String accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
        var http = SharedServer.client().getHttpClient();
        var response = http.sendAsync(http.newHttpRequestBuilder().uri(SharedServer.get().uri("/apis")).header("Accept", accept).build(),
                String.class).get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, response.code());
        assertEquals("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", response.header("Content-Type"));
        assertTrue(response.body().contains("\"kind\":\"APIGroupDiscoveryList\""), response.body());
        Distribution.Result legacy = SharedServer.kubectl("1.33", "get", "--raw", "/apis");
        assertEquals(0, legacy.exitCode(), legacy.output());
        assertTrue(legacy.stdout().contains("\"kind\":\"APIGroupList\""), legacy.stdout());
    }

    @Test
    void legacyResourceListNamesSubresources() throws Exception {
        Distribution.Result raw = SharedServer.kubectl("1.32", "get", "--raw", "/apis/apps/v1");
        assertEquals(0, raw.exitCode(), raw.output());
        assertTrue(raw.stdout().contains("\"name\":\"deployments/scale\""), raw.stdout());
        assertTrue(raw.stdout().contains("\"name\":\"deployments/status\""), raw.stdout());
    }
}
