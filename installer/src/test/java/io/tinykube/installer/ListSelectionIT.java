package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Lists honour label and field selectors and paginate consistently, as kubectl uses them. */
class ListSelectionIT {
    static String ns;

    @BeforeAll
    static void objects() throws Exception {
        KubernetesClient client = SharedServer.client();
        ns = SharedServer.namespace("select");
        for (int i = 0; i < 12; i++) {
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("cm-" + (char) ('a' + i))
                    .withLabels(Map.of("tier", i % 3 == 0 ? "web" : "db", "index", Integer.toString(i))).endMetadata().build()).create();
        }
    }

    @Test
    void kubectlLabelSelectorsPickTheMatchingObjects() throws Exception {
        Distribution.Result equality = SharedServer.kubectl("1.33", "get", "configmaps", "-n", ns, "-l", "tier=web", "-o", "name");
        assertEquals(0, equality.exitCode(), equality.output());
        assertEquals(List.of("configmap/cm-a", "configmap/cm-d", "configmap/cm-g", "configmap/cm-j"), equality.stdout().lines().toList());
        Distribution.Result set = SharedServer.kubectl("1.31", "get", "configmaps", "-n", ns, "-l", "index in (1,2),tier!=web", "-o", "name");
        assertEquals(List.of("configmap/cm-b", "configmap/cm-c"), set.stdout().lines().toList(), set.output());
    }

    @Test
    void fieldSelectorsOnNameAndUnsupportedLabels() throws Exception {
        Distribution.Result byName = SharedServer.kubectl("1.32", "get", "configmaps", "-n", ns, "--field-selector", "metadata.name=cm-e", "-o", "name");
        assertEquals(List.of("configmap/cm-e"), byName.stdout().lines().toList(), byName.output());
        Distribution.Result unsupported = SharedServer.kubectl("1.33", "get", "configmaps", "-n", ns, "--field-selector", "spec.nothing=x");
        assertTrue(unsupported.exitCode() != 0);
        assertTrue(unsupported.stderr().contains("field label not supported: spec.nothing"), unsupported.stderr());
    }

    @Test
    void chunkedListReturnsEverythingOnce() throws Exception {
        Distribution.Result chunked = SharedServer.kubectl("1.33", "get", "configmaps", "-n", ns, "--chunk-size=5", "-o", "name", "-l", "tier");
        assertEquals(0, chunked.exitCode(), chunked.output());
        assertEquals(12, chunked.stdout().lines().distinct().count(), chunked.stdout());
    }

    @Test
    void continueTokenReadsAtTheFirstPagesRevision() throws Exception {
        KubernetesClient client = SharedServer.client();
        ConfigMapList first = client.configMaps().inNamespace(ns).withLabel("tier").list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                .withLimit(4L).build());
        assertEquals(4, first.getItems().size());
        String token = first.getMetadata().getContinue();
        assertTrue(token != null && !token.isEmpty());
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("cm-zz")
                .withLabels(Map.of("tier", "late")).endMetadata().build()).create();
        int total = first.getItems().size();
        while (token != null && !token.isEmpty()) {
            ConfigMapList page = client.configMaps().inNamespace(ns).withLabel("tier").list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                    .withLimit(4L).withContinue(token).build());
            total += page.getItems().size();
            assertEquals(first.getMetadata().getResourceVersion(), page.getMetadata().getResourceVersion());
            token = page.getMetadata().getContinue();
        }
        assertEquals(12, total, "an object created after the first page is not in this list");
        client.configMaps().inNamespace(ns).withName("cm-zz").delete();
    }

    @Test
    void aListLargerThanOneStoreOrNetworkChunkArrivesWhole() throws Exception {
        KubernetesClient client = SharedServer.client();
        String big = SharedServer.namespace("biglist");
        String payload = "x".repeat(300);
        for (int i = 0; i < 300; i++) {
            client.configMaps().inNamespace(big).resource(new ConfigMapBuilder().withNewMetadata().withName(String.format("cm-%03d", i))
                    .withLabels(Map.of("bulk", "yes")).endMetadata().withData(Map.of("payload", payload)).build()).create();
        }
        ConfigMapList all = client.configMaps().inNamespace(big).withLabel("bulk").list();
        assertEquals(300, all.getItems().size());
        assertEquals("cm-299", all.getItems().get(299).getMetadata().getName(), "in key order");
        assertTrue(Long.parseLong(all.getMetadata().getResourceVersion()) > 0);
        List<String> rows = SharedServer.kubectl("1.33", "-n", big, "get", "configmaps", "-l", "bulk").stdout().lines().toList();
        assertEquals(301, rows.size(), "a header and 300 rows");
        assertTrue(rows.get(300).startsWith("cm-299 "), rows.get(300));
    }

    @Test
    void malformedSelectorsAreBadRequests() throws Exception {
        KubernetesClient client = SharedServer.client();
        Executable badLabel = () -> client.configMaps().inNamespace(ns).withLabelSelector("tier in (web").list();
        KubernetesClientException error = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class, badLabel);
        assertEquals(400, error.getCode());
        assertTrue(error.getStatus().getMessage().startsWith("unable to parse requirement"), error.getStatus().getMessage());
    }
}
