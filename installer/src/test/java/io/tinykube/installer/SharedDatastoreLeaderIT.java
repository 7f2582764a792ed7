package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tinykube.store.testing.PostgresTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers sharing one PostgreSQL datastore run one set of controllers, under the leader lease;
 * when the leader stops, the other takes the lease over and the controllers keep working.
 */
class SharedDatastoreLeaderIT {
    @TempDir
    Path dir;

    private static KubernetesClient client(RunningServer server) throws Exception {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig))).build();
    }

    private static void awaitDefaultServiceAccount(KubernetesClient client, String namespace) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        assertNotNull(client.serviceAccounts().inNamespace(namespace).withName("default")
                .waitUntilCondition(sa -> sa != null, 60, TimeUnit.SECONDS));
    }

    @Test
    void theSecondServerTakesOverTheControllersWhenTheLeaderStops() throws Exception {
        Map<String, String> fastLease = Map.of("TINYKUBE_CONTROLLERS_LEASE_DURATION", "4s", "TINYKUBE_CONTROLLERS_LEASE_RENEW_PERIOD", "1s");
        try (PostgresTestServer postgres = PostgresTestServer.start()) {
            String endpoint = postgres.endpoint("tinykube");
            RunningServer first = RunningServer.start(dir.resolve("first"), fastLease, "--datastore-endpoint", endpoint);
            // The second server shares the first one's certificates, as servers of one cluster do.
            Files.createDirectories(dir.resolve("second/server"));
            copyTree(dir.resolve("first/server/tls"), dir.resolve("second/server/tls"));
            Files.copy(dir.resolve("first/server/token"), dir.resolve("second/server/token"));
            RunningServer second = RunningServer.start(dir.resolve("second"), fastLease, "--datastore-endpoint", endpoint);
            try (KubernetesClient viaFirst = client(first); KubernetesClient viaSecond = client(second)) {
                Lease lease = viaSecond.leases().inNamespace("kube-system").withName("tinykube-controller-manager")
                        .waitUntilCondition(l -> l != null && l.getSpec().getHolderIdentity() != null, 30, TimeUnit.SECONDS);
                String leader = lease.getSpec().getHolderIdentity();
                awaitDefaultServiceAccount(viaSecond, "while-first-leads");

                boolean firstLeads = first.log().contains(leader + " became the leader");
                RunningServer stopping = firstLeads ? first : second;
                KubernetesClient survivor = firstLeads ? viaSecond : viaFirst;
                stopping.close();
                Lease taken = survivor.leases().inNamespace("kube-system").withName("tinykube-controller-manager")
                        .waitUntilCondition(l -> !leader.equals(l.getSpec().getHolderIdentity()), 60, TimeUnit.SECONDS);
                assertNotEquals(leader, taken.getSpec().getHolderIdentity());
                assertTrue(taken.getSpec().getLeaseTransitions() >= 1);
                awaitDefaultServiceAccount(survivor, "after-takeover");
            } finally {
                first.close();
                second.close();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
