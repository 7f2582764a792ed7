package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test harness itself: a simulated node registers, holds a lease and runs pods bound to it. */
class SimulatedNodesIT {

    @Test
    void aPodBoundToASimulatedNodeBecomesRunningAndReady() throws Exception {
        KubernetesClient client = SharedServer.client();
        SharedServer.nodes();
        String ns = SharedServer.namespace("simnodes");
        assertEquals("True", client.nodes().withName("shared-node-1").get().getStatus().getConditions().stream()
                .filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow().getStatus());
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("bound").endMetadata()
                .withNewSpec().withNodeName("shared-node-2").addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().build()).create();
        Pod running = client.pods().inNamespace(ns).withName("bound").waitUntilCondition(
                pod -> pod != null && "Running".equals(pod.getStatus().getPhase()), 30, TimeUnit.SECONDS);
        assertEquals("True", running.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
                .findFirst().orElseThrow().getStatus());
        client.pods().inNamespace(ns).withName("bound").delete();
        client.pods().inNamespace(ns).withName("bound").waitUntilCondition(pod -> pod == null, 30, TimeUnit.SECONDS);
    }
}
