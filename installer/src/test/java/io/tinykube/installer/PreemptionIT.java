package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pod of a higher PriorityClass that fits nowhere takes the place of a lower-priority pod, as upstream preempts. */
class PreemptionIT {
    @TempDir
    Path dir;

    private static Pod pod(KubernetesClient client, String name, String priorityClass) {
        PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .addNewContainer().withName("c").withImage("busybox")
                .withNewResources().addToRequests("cpu", new Quantity("800m")).endResources().endContainer().endSpec();
        if (priorityClass != null) {
            builder.editSpec().withPriorityClassName(priorityClass).endSpec();
        }
        return client.pods().inNamespace("default").resource(builder.build()).create();
    }

    @Test
    void aHigherPriorityPodPreemptsALowerOne() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, Map.of(), Duration.ofSeconds(5))) {
            KubernetesClient client = cluster.client;
            cluster.nodes.add("only-node", "1", "2Gi", Map.of());
            pod(client, "low", null);
            client.pods().inNamespace("default").withName("low")
                    .waitUntilCondition(p -> "Running".equals(p.getStatus().getPhase()), 30, TimeUnit.SECONDS);
            client.scheduling().v1().priorityClasses().resource(new PriorityClassBuilder().withNewMetadata().withName("high")
                    .endMetadata().withValue(1000).build()).create();

            Pod high = pod(client, "high", "high");
            assertEquals(1000, high.getSpec().getPriority(), "admission resolves the class to its value");
            Pod placed = client.pods().inNamespace("default").withName("high")
                    .waitUntilCondition(p -> p.getSpec().getNodeName() != null, 60, TimeUnit.SECONDS);
            assertEquals("only-node", placed.getSpec().getNodeName());
            client.pods().inNamespace("default").withName("low").waitUntilCondition(p -> p == null, 30, TimeUnit.SECONDS);
            Distribution.Result events = cluster.kubectlUntil(out -> !out.isBlank(), "1.33", "get", "events", "--field-selector", "reason=Preempted",
                    "-o", "jsonpath={.items[*].message}");
            assertTrue(events.stdout().startsWith("Preempted by pod " + high.getMetadata().getUid() + " on node only-node"),
                    events.output());
        }
    }
}
