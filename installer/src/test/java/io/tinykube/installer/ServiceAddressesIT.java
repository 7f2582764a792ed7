package io.tinykube.installer;

import static io.tinykube.installer.KubectlCreateIT.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** Services get a cluster IP from 10.43.0.0/16 and node ports from 30000–32767, each unique, kept and freed. */
class ServiceAddressesIT {

    private static Service service(String name, String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withClusterIP(clusterIp)
                .addNewPort().withPort(80).endPort().addToSelector("app", name).endSpec().build();
    }

    @Test
    void kubernetesServiceHoldsTheFirstAddress() throws Exception {
        Service kubernetes = SharedServer.client().services().inNamespace("default").withName("kubernetes").get();
        assertEquals("10.43.0.1", kubernetes.getSpec().getClusterIP());
        assertEquals(443, kubernetes.getSpec().getPorts().get(0).getPort());
    }

    @Test
    void exposedDeploymentsGetDistinctAddressesAndNodePorts() throws Exception {
        String ns = SharedServer.namespace("svc");
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "create", "deployment", "web", "--image=nginx:1.27"));
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "expose", "deployment", "web", "--port=80", "--type=NodePort"));
        assertOk(SharedServer.kubectl("1.33", "-n", ns, "create", "service", "clusterip", "db", "--tcp=5432:5432"));
        Service web = SharedServer.client().services().inNamespace(ns).withName("web").get();
        Service db = SharedServer.client().services().inNamespace(ns).withName("db").get();
        assertTrue(web.getSpec().getClusterIP().startsWith("10.43."), web.getSpec().getClusterIP());
        assertNotEquals(web.getSpec().getClusterIP(), db.getSpec().getClusterIP());
        int nodePort = web.getSpec().getPorts().get(0).getNodePort();
        assertTrue(nodePort >= 30000 && nodePort <= 32767, Integer.toString(nodePort));
        assertEquals(80, web.getSpec().getPorts().get(0).getTargetPort().getIntVal());
        String allocated = web.getSpec().getClusterIP();
        web.getMetadata().getLabels().put("touched", "yes");
        web.getSpec().setClusterIP(null);
        web.getSpec().setClusterIPs(null);
        Service updated = SharedServer.client().services().inNamespace(ns).resource(web).update();
        assertEquals(allocated, updated.getSpec().getClusterIP(), "an update that omits the cluster IP keeps it");
        assertEquals(nodePort, updated.getSpec().getPorts().get(0).getNodePort(), "and its node port");
    }

    @Test
    void aTakenAddressIsRefusedAndAFreedOneCanBeTakenAgain() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("svcip");
        client.services().inNamespace(ns).resource(service("first", "10.43.200.7")).create();
        KubernetesClientException taken = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
                () -> client.services().inNamespace(ns).resource(service("second", "10.43.200.7")).create());
        assertEquals(422, taken.getCode());
        assertTrue(taken.getStatus().getMessage().contains("failed to allocate IP 10.43.200.7: provided IP is already allocated"),
                taken.getStatus().getMessage());
        client.services().inNamespace(ns).withName("first").delete();
        assertEquals("10.43.200.7", client.services().inNamespace(ns).resource(service("second", "10.43.200.7")).create()
                .getSpec().getClusterIP());
        KubernetesClientException changed = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
                () -> client.services().inNamespace(ns).withName("second").edit(s -> {
                    s.getSpec().setClusterIP("10.43.200.8");
                    s.getSpec().setClusterIPs(java.util.List.of("10.43.200.8"));
                    return s;
                }));
        assertTrue(changed.getStatus().getMessage().contains("may not change once set"), changed.getStatus().getMessage());
    }
}
