package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** HorizontalPodAutoscalers without a metrics source: bounds enforced through the target's scale, upstream's conditions. */
class HorizontalPodAutoscalerIT {
    private static final String NO_METRICS = "failed to get cpu utilization: unable to get metrics for resource cpu:"
            + " no metrics returned from resource metrics API";

    static void deployment(KubernetesClient client, String ns, String name, int replicas) {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                      - name: c
                        image: busybox:1
                        resources: {requests: {cpu: 100m}}
                """.formatted(name, replicas, name, name);
        Deployment deployment = client.apps().deployments().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).item();
        client.apps().deployments().inNamespace(ns).resource(deployment).create();
    }

    @Test
    void kubectlAutoscaleRaisesTheDeploymentToMinAndReportsMissingMetrics() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("hpa-deploy");
        deployment(client, ns, "web", 1);
        Distribution.Result autoscale = SharedServer.kubectl("1.33", "autoscale", "deployment", "web", "-n", ns, "--min=2", "--max=5", "--cpu-percent=50");
        assertEquals(0, autoscale.exitCode(), autoscale.output());

        client.apps().deployments().inNamespace(ns).withName("web").waitUntilCondition(
                d -> d.getSpec().getReplicas() == 2, 60, TimeUnit.SECONDS);
        // The next sync finds the size within bounds and asks for metrics, which nothing serves yet.
        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("web").waitUntilCondition(
                h -> h.getStatus() != null && h.getStatus().getConditions() != null && h.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("ScalingActive") && c.getStatus().equals("False")), 60, TimeUnit.SECONDS);
        assertEquals(2, hpa.getStatus().getCurrentReplicas());
        var able = hpa.getStatus().getConditions().stream().filter(c -> c.getType().equals("AbleToScale")).findFirst().orElseThrow();
        assertEquals("True", able.getStatus());
        assertEquals("SucceededGetScale", able.getReason());
        var active = hpa.getStatus().getConditions().stream().filter(c -> c.getType().equals("ScalingActive")).findFirst().orElseThrow();
        assertEquals("FailedGetResourceMetric", active.getReason());
        assertEquals("the HPA was unable to compute the replica count: " + NO_METRICS, active.getMessage());

        Distribution.Result get = SharedServer.kubectl("1.33", "get", "hpa", "-n", ns);
        assertTrue(get.stdout().matches("(?s).*web\\s+Deployment/web\\s+cpu: <unknown>/50%\\s+2\\s+5\\s+2\\s.*"), get.output());
        Distribution.Result describe = SharedServer.kubectl("1.33", "describe", "hpa", "web", "-n", ns);
        assertEquals(0, describe.exitCode(), describe.output());
        assertTrue(describe.stdout().contains("AbleToScale    True    SucceededGetScale"), describe.output());
        assertTrue(describe.stdout().contains("ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: "
                + NO_METRICS), describe.output());
        assertTrue(describe.stdout().contains("<unknown> / 50%"), describe.output());

        WorkloadFixtures.await("the autoscaler's events", Duration.ofSeconds(30), () -> client.v1().events().inNamespace(ns).list()
                .getItems().stream().anyMatch(e -> "FailedComputeMetricsReplicas".equals(e.getReason())));
        List<Event> events = client.v1().events().inNamespace(ns).list().getItems();
        assertTrue(events.stream().anyMatch(e -> "SuccessfulRescale".equals(e.getReason())
                && "New size: 2; reason: Current number of replicas below Spec.MinReplicas".equals(e.getMessage())), events.toString());
        assertTrue(events.stream().anyMatch(e -> "Warning".equals(e.getType()) && "FailedGetResourceMetric".equals(e.getReason())
                && NO_METRICS.equals(e.getMessage())), events.toString());
        assertTrue(events.stream().anyMatch(e -> "FailedComputeMetricsReplicas".equals(e.getReason())
                && ("invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: " + NO_METRICS)
                .equals(e.getMessage())), events.toString());
    }

    @Test
    void aStatefulSetAboveMaxReplicasIsScaledDownToIt() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("hpa-sts");
        StatefulSetOrderingIT.statefulSet(client, ns, "db", 3, "podManagementPolicy: Parallel");
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withNewScaleTargetRef("apps/v1", "StatefulSet", "db").withMinReplicas(1).withMaxReplicas(2).endSpec()
                .build()).create();
        client.apps().statefulSets().inNamespace(ns).withName("db").waitUntilCondition(s -> s.getSpec().getReplicas() == 2, 60, TimeUnit.SECONDS);
        client.pods().inNamespace(ns).withName("db-2").waitUntilCondition(pod -> pod == null, 60, TimeUnit.SECONDS);
        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("db").waitUntilCondition(
                h -> h.getStatus() != null && h.getStatus().getLastScaleTime() != null, 30, TimeUnit.SECONDS);
        assertEquals(2, hpa.getStatus().getDesiredReplicas());
        assertTrue(hpa.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("AbleToScale")
                && c.getReason().equals("SucceededRescale") && c.getMessage().equals("the HPA controller was able to update the target scale to 2")));
    }

    @Test
    void aTargetThatDoesNotExistIsReported() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("hpa-missing");
        client.autoscaling().v1().horizontalPodAutoscalers().inNamespace(ns).resource(
                new io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerBuilder().withNewMetadata().withName("rc").endMetadata()
                        .withNewSpec().withNewScaleTargetRef("v1", "ReplicationController", "rc").withMaxReplicas(3)
                        .withTargetCPUUtilizationPercentage(60).endSpec().build()).create();
        var events = client.v1().events().inNamespace(ns);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (events.list().getItems().stream().noneMatch(e -> "FailedGetScale".equals(e.getReason())) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Event failed = events.list().getItems().stream().filter(e -> "FailedGetScale".equals(e.getReason())).findFirst().orElseThrow();
        assertEquals("replicationcontrollers \"rc\" not found", failed.getMessage());
        assertEquals("Warning", failed.getType());
    }
}
