package io.tinykube.installer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Manifests and waits shared by the Deployment and ReplicaSet tests. */
final class WorkloadFixtures {
    private WorkloadFixtures() {
    }

    /**
     * A Deployment manifest as users write them. Pods are bound to a simulated node directly
     * (nodeName) until the scheduler lands.
     */
    static String deployment(String name, int replicas, String image, String strategy) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  labels: {app: %s}
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: %s}
                  strategy:
                %s
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      nodeName: shared-node-1
                      terminationGracePeriodSeconds: 5
                      containers:
                      - name: c
                        image: %s
                """.formatted(name, name, replicas, name, strategy.indent(4).stripTrailing(), name, image);
    }

    static String rolling(String maxSurge, String maxUnavailable) {
        return "type: RollingUpdate\nrollingUpdate:\n  maxSurge: " + maxSurge + "\n  maxUnavailable: " + maxUnavailable;
    }

    static HasMetadata create(KubernetesClient client, String ns, String yaml) {
        return client.resource(yaml).inNamespace(ns).create();
    }

    static Path manifestFile(String yaml) throws IOException {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, yaml);
        file.toFile().deleteOnExit();
        return file;
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
