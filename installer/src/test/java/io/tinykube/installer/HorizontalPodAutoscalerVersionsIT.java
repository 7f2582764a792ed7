package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A HorizontalPodAutoscaler is one object in autoscaling/v1 and v2: written by an older kubectl through v1,
 * it is described, listed, watched, patched and applied through either version in that version's shape.
 */
class HorizontalPodAutoscalerVersionsIT {

    @Test
    void anAutoscalerWrittenThroughV1IsReadThroughBothVersions() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("hpa-versions");
        HorizontalPodAutoscalerIT.deployment(client, ns, "web", 1);
        // kubectl 1.31 creates autoscaling/v1 objects
        Distribution.Result autoscale = SharedServer.kubectl("1.31", "autoscale", "deployment", "web", "-n", ns, "--min=2", "--max=5",
                "--cpu-percent=50");
        assertEquals(0, autoscale.exitCode(), autoscale.output());
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("web").waitUntilCondition(
                h -> h.getStatus() != null && h.getStatus().getConditions() != null && h.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("ScalingActive")), 60, TimeUnit.SECONDS);

        Distribution.Result describe = SharedServer.kubectl("1.33", "describe", "hpa", "web", "-n", ns);
        assertEquals(0, describe.exitCode(), describe.output());
        assertTrue(describe.stdout().contains("<unknown> / 50%"), describe.output());
        assertTrue(describe.stdout().contains("AbleToScale    True"), describe.output());
        assertTrue(describe.stdout().contains("ScalingActive  False"), describe.output());

        Distribution.Result v2 = SharedServer.kubectl("1.33", "get", "horizontalpodautoscalers.v2.autoscaling", "web", "-n", ns, "-o", "yaml");
        assertTrue(v2.stdout().contains("apiVersion: autoscaling/v2"), v2.output());
        assertTrue(v2.stdout().contains("averageUtilization: 50"), v2.output());
        assertTrue(v2.stdout().contains("type: AbleToScale"), v2.output());
        assertFalse(v2.stdout().contains("autoscaling.alpha.kubernetes.io"), v2.output());

        Distribution.Result v1 = SharedServer.kubectl("1.33", "get", "horizontalpodautoscalers.v1.autoscaling", "web", "-n", ns, "-o", "yaml");
        assertTrue(v1.stdout().contains("apiVersion: autoscaling/v1"), v1.output());
        assertTrue(v1.stdout().contains("targetCPUUtilizationPercentage: 50"), v1.output());
        assertTrue(v1.stdout().contains("autoscaling.alpha.kubernetes.io/conditions: '[{\"type\":\"AbleToScale\",\"status\":\"True\""), v1.output());
        assertFalse(v1.stdout().contains("  metrics:"), v1.output());

        Distribution.Result table = SharedServer.kubectl("1.31", "get", "horizontalpodautoscalers.v1.autoscaling", "-n", ns);
        assertTrue(table.stdout().matches("(?s).*web\\s+Deployment/web\\s+cpu: <unknown>/50%\\s+2\\s+5\\s+2\\s.*"), table.output());
    }

    @Test
    void patchesAndAppliesWorkInTheRequestsVersion() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("hpa-patch");
        Distribution.Result create = SharedServer.kubectl("1.31", "create", "-n", ns, "-f", manifest("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: missing}
                  maxReplicas: 4
                  metrics:
                  - type: Resource
                    resource: {name: memory, target: {type: AverageValue, averageValue: 1Gi}}
                  - type: Resource
                    resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}
                """));
        assertEquals(0, create.exitCode(), create.output());

        Distribution.Result patch = SharedServer.kubectl("1.33", "patch", "horizontalpodautoscalers.v1.autoscaling", "web", "-n", ns, "--type=merge",
                "-p", "{\"spec\":{\"targetCPUUtilizationPercentage\":70}}");
        assertEquals(0, patch.exitCode(), patch.output());
        var v2 = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("web").get();
        assertEquals(2, v2.getSpec().getMetrics().size());
        assertEquals("memory", v2.getSpec().getMetrics().get(0).getResource().getName());
        assertEquals(70, v2.getSpec().getMetrics().get(1).getResource().getTarget().getAverageUtilization());

        Distribution.Result apply = SharedServer.kubectl("1.33", "apply", "--server-side", "--force-conflicts", "--field-manager=v1-applier", "-n", ns, "-f",
                manifest("""
                        apiVersion: autoscaling/v1
                        kind: HorizontalPodAutoscaler
                        metadata: {name: web}
                        spec:
                          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: missing}
                          maxReplicas: 6
                        """));
        assertEquals(0, apply.exitCode(), apply.output());
        HorizontalPodAutoscaler v1 = client.autoscaling().v1().horizontalPodAutoscalers().inNamespace(ns).withName("web").get();
        assertEquals(6, v1.getSpec().getMaxReplicas());
        assertEquals(70, v1.getSpec().getTargetCPUUtilizationPercentage());
        assertTrue(v1.getMetadata().getManagedFields().stream().anyMatch(m -> m.getManager().equals("v1-applier")
                && m.getApiVersion().equals("autoscaling/v1")), v1.getMetadata().getManagedFields().toString());
        assertEquals(6, client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("web").get().getSpec().getMaxReplicas());
    }

    @Test
    void aWatchThroughV1SeesChangesMadeThroughV2() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("hpa-watch");
        client.autoscaling().v1().horizontalPodAutoscalers().inNamespace(ns).resource(
                new io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web")
                        .endMetadata().withNewSpec().withNewScaleTargetRef("apps/v1", "Deployment", "missing").withMaxReplicas(3)
                        .withTargetCPUUtilizationPercentage(40).endSpec().build()).create();
        BlockingQueue<HorizontalPodAutoscaler> seen = new LinkedBlockingQueue<>();
        try (Watch watch = client.autoscaling().v1().horizontalPodAutoscalers().inNamespace(ns).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, HorizontalPodAutoscaler hpa) {
                seen.add(hpa);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("web")
                    .edit(h -> {
                        h.getSpec().setMaxReplicas(8);
                        return h;
                    });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            HorizontalPodAutoscaler last = null;
            while ((last == null || last.getSpec().getMaxReplicas() != 8) && System.nanoTime() < deadline) {
                HorizontalPodAutoscaler next = seen.poll(1, TimeUnit.SECONDS);
                last = next == null ? last : next;
            }
            assertEquals(8, last.getSpec().getMaxReplicas());
            assertEquals(40, last.getSpec().getTargetCPUUtilizationPercentage());
        }
    }

    private static String manifest(String yaml) throws Exception {
        Path file = Files.createTempFile("hpa", ".yaml");
        Files.writeString(file, yaml);
        return file.toString();
    }
}
