package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Endpoints and EndpointSlices follow the pods a Service selects: their readiness (simulated nodes
 * report pods labelled {@code ready=false} Running but not Ready), named target ports resolved per
 * pod, publishNotReadyAddresses, headless services; and {@code kubernetes} points at the API server.
 */
class EndpointsIT {
    private static final String ZONE = "topology.kubernetes.io/zone";

    @Test
    void endpointsFollowPodReadinessAndResolveNamedPortsPerPod() throws Exception {
        KubernetesClient client = SharedServer.client();
        nodesWithNotReadyLabel();
        String ns = SharedServer.namespace("endpoints");
        client.nodes().withName("shared-node-3").edit(node -> {
            node.getMetadata().getLabels().put(ZONE, "zone-c");
            return node;
        });
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("web").addToLabels("tier", "front")
                .endMetadata().withNewSpec().addToSelector("app", "web").withPorts(new ServicePortBuilder().withName("http").withPort(80)
                        .withTargetPort(new IntOrString("http")).build()).endSpec().build()).create();
        Pod a = pod(client, ns, "web-a", "shared-node-3", 8080, true, List.of());
        Pod b = pod(client, ns, "web-b", "shared-node-1", 8080, false, List.of());
        Pod c = pod(client, ns, "web-c", "shared-node-2", 9090, true, List.of("example.com/hold"));

        Endpoints endpoints = waitEndpoints(client, ns, "web", e -> e.getSubsets() != null && e.getSubsets().size() == 2
                && all(e, EndpointSubset::getAddresses) == 2 && all(e, EndpointSubset::getNotReadyAddresses) == 1);
        EndpointSubset on8080 = subsetWithPort(endpoints, 8080);
        assertEquals(List.of(ip(a)), ips(on8080.getAddresses()));
        assertEquals(List.of(ip(b)), ips(on8080.getNotReadyAddresses()));
        assertEquals("http", on8080.getPorts().get(0).getName());
        EndpointAddress addressA = on8080.getAddresses().get(0);
        assertEquals("shared-node-3", addressA.getNodeName());
        assertEquals("Pod", addressA.getTargetRef().getKind());
        assertEquals("web-a", addressA.getTargetRef().getName());
        assertEquals(a.getMetadata().getUid(), addressA.getTargetRef().getUid());
        assertEquals(List.of(ip(c)), ips(subsetWithPort(endpoints, 9090).getAddresses()));
        assertEquals("front", endpoints.getMetadata().getLabels().get("tier"));

        // one slice per set of resolved ports
        List<EndpointSlice> slices = waitSlices(client, ns, "web", list -> list.size() == 2
                && list.stream().mapToInt(s -> s.getEndpoints().size()).sum() == 3);
        for (EndpointSlice slice : slices) {
            assertTrue(slice.getMetadata().getName().startsWith("web-"), slice.getMetadata().getName());
            assertEquals("endpointslice-controller.k8s.io", slice.getMetadata().getLabels().get("endpointslice.kubernetes.io/managed-by"));
            assertEquals("IPv4", slice.getAddressType());
            assertEquals("Service", slice.getMetadata().getOwnerReferences().get(0).getKind());
        }
        Endpoint sliceA = endpoint(slices, "web-a");
        assertEquals(List.of(ip(a)), sliceA.getAddresses());
        assertTrue(sliceA.getConditions().getReady());
        assertEquals("shared-node-3", sliceA.getNodeName());
        assertEquals("zone-c", sliceA.getZone());
        Endpoint sliceB = endpoint(slices, "web-b");
        assertFalse(sliceB.getConditions().getReady());
        assertFalse(sliceB.getConditions().getServing());
        assertNull(sliceB.getZone());

        // b turns ready: it moves to the addresses
        client.pods().inNamespace(ns).withName("web-b").editStatus(pod -> {
            pod.getStatus().getConditions().stream().filter(cond -> cond.getType().equals("Ready")).forEach(cond -> cond.setStatus("True"));
            return pod;
        });
        waitEndpoints(client, ns, "web", e -> all(e, EndpointSubset::getAddresses) == 3 && all(e, EndpointSubset::getNotReadyAddresses) == 0);

        // c terminates (a finalizer holds it): gone from Endpoints, terminating in its slice
        client.pods().inNamespace(ns).withName("web-c").delete();
        waitEndpoints(client, ns, "web", e -> e.getSubsets().size() == 1 && all(e, EndpointSubset::getAddresses) == 2);
        slices = waitSlices(client, ns, "web", list -> endpointOrNull(list, "web-c") != null
                && Boolean.TRUE.equals(endpointOrNull(list, "web-c").getConditions().getTerminating()));
        Endpoint terminating = endpoint(slices, "web-c");
        assertFalse(terminating.getConditions().getReady());
        assertTrue(terminating.getConditions().getServing());
        client.pods().inNamespace(ns).withName("web-c").edit(pod -> {
            pod.getMetadata().setFinalizers(List.of());
            return pod;
        });
        waitSlices(client, ns, "web", list -> list.size() == 1 && list.get(0).getEndpoints().size() == 2);

        Distribution.Result shown = SharedServer.kubectl("1.33", "get", "endpoints", "web", "-n", ns);
        assertTrue(shown.stdout().contains(ip(a) + ":8080"), shown.output());
    }

    @Test
    void publishNotReadyAddressesListsEveryPodAsReady() throws Exception {
        KubernetesClient client = SharedServer.client();
        nodesWithNotReadyLabel();
        String ns = SharedServer.namespace("endpoints-unready");
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("peers").endMetadata().withNewSpec()
                .addToSelector("app", "peers").withPublishNotReadyAddresses(true)
                .withPorts(new ServicePortBuilder().withPort(7000).withTargetPort(new IntOrString(7001)).build()).endSpec().build()).create();
        Pod p = pod(client, ns, "peers-0", "shared-node-1", 7001, false, List.of());
        Endpoints endpoints = waitEndpoints(client, ns, "peers", e -> all(e, EndpointSubset::getAddresses) == 1);
        assertEquals(List.of(ip(p)), ips(endpoints.getSubsets().get(0).getAddresses()));
        assertTrue(endpoints.getSubsets().get(0).getNotReadyAddresses().isEmpty());
        assertEquals(7001, endpoints.getSubsets().get(0).getPorts().get(0).getPort());
        Endpoint endpoint = endpoint(waitSlices(client, ns, "peers", list -> endpointOrNull(list, "peers-0") != null), "peers-0");
        assertTrue(endpoint.getConditions().getReady());
        assertFalse(endpoint.getConditions().getServing());
    }

    @Test
    void headlessServicesGetEndpointsWithoutPorts() throws Exception {
        KubernetesClient client = SharedServer.client();
        nodesWithNotReadyLabel();
        String ns = SharedServer.namespace("endpoints-headless");
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("db").endMetadata().withNewSpec()
                .withClusterIP("None").addToSelector("app", "db").endSpec().build()).create();
        Pod p = pod(client, ns, "db-0", "shared-node-2", 5432, true, List.of());
        Endpoints endpoints = waitEndpoints(client, ns, "db", e -> all(e, EndpointSubset::getAddresses) == 1);
        assertEquals(List.of(ip(p)), ips(endpoints.getSubsets().get(0).getAddresses()));
        assertTrue(endpoints.getSubsets().get(0).getPorts().isEmpty());
        assertEquals("", endpoints.getMetadata().getLabels().get("service.kubernetes.io/headless"));
        EndpointSlice slice = waitSlices(client, ns, "db", list -> endpointOrNull(list, "db-0") != null).get(0);
        assertTrue(slice.getPorts().isEmpty());
        assertEquals("", slice.getMetadata().getLabels().get("service.kubernetes.io/headless"));
    }

    @Test
    void servicesWithoutSelectorKeepTheirOwnEndpoints() throws Exception {
        KubernetesClient client = SharedServer.client();
        String ns = SharedServer.namespace("endpoints-manual");
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("external").endMetadata().withNewSpec()
                .withPorts(new ServicePortBuilder().withPort(443).build()).endSpec().build()).create();
        client.endpoints().inNamespace(ns).resource(new EndpointsBuilder().withNewMetadata().withName("external").endMetadata()
                .addNewSubset().addNewAddress().withIp("192.0.2.10").endAddress().addNewPort().withPort(443).endPort().endSubset().build()).create();
        // a selector service created after it is reconciled, so the manual one has been looked at by then
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("marker").endMetadata().withNewSpec()
                .addToSelector("app", "none").withPorts(new ServicePortBuilder().withPort(80).build()).endSpec().build()).create();
        waitEndpoints(client, ns, "marker", e -> true);
        assertEquals("192.0.2.10", client.endpoints().inNamespace(ns).withName("external").get().getSubsets().get(0).getAddresses().get(0).getIp());
        assertTrue(client.discovery().v1().endpointSlices().inNamespace(ns).withLabel("kubernetes.io/service-name", "external").list()
                .getItems().isEmpty());
    }

    @Test
    void theKubernetesServicePointsAtTheApiServer() throws Exception {
        KubernetesClient client = SharedServer.client();
        String address = advertisedAddress();
        int port = SharedServer.get().port;
        Endpoints endpoints = waitEndpoints(client, "default", "kubernetes", e -> e.getSubsets() != null && !e.getSubsets().isEmpty());
        assertEquals(List.of(address), ips(endpoints.getSubsets().get(0).getAddresses()));
        assertEquals(port, endpoints.getSubsets().get(0).getPorts().get(0).getPort());
        assertEquals("https", endpoints.getSubsets().get(0).getPorts().get(0).getName());
        Distribution.Result shown = SharedServer.kubectl("1.33", "get", "endpoints", "kubernetes");
        assertTrue(shown.stdout().contains(address + ":" + port), shown.output());
        EndpointSlice slice = client.discovery().v1().endpointSlices().inNamespace("default").withName("kubernetes").get();
        assertEquals(List.of(address), slice.getEndpoints().get(0).getAddresses());
        assertEquals("kubernetes", slice.getMetadata().getLabels().get("kubernetes.io/service-name"));
        // someone changes it: it is put back
        client.endpoints().inNamespace("default").withName("kubernetes").edit(e -> {
            e.getSubsets().get(0).getAddresses().get(0).setIp("192.0.2.1");
            return e;
        });
        waitEndpoints(client, "default", "kubernetes", e -> ips(e.getSubsets().get(0).getAddresses()).equals(List.of(address)));
    }

    /** As the server picks it when bound to every address: the first non-loopback IPv4, else loopback. */
    private static String advertisedAddress() throws Exception {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress candidate : Collections.list(network.getInetAddresses())) {
                    if (candidate instanceof Inet4Address && !candidate.isLoopbackAddress() && !candidate.isLinkLocalAddress()) {
                        return candidate.getHostAddress();
                    }
                }
            }
        }
        return "127.0.0.1";
    }

    private static void nodesWithNotReadyLabel() throws Exception {
        SharedServer.nodes().outcomes(pod -> "false".equals(pod.getMetadata().getLabels() == null ? null
                : pod.getMetadata().getLabels().get("ready")) ? SimulatedNodes.Outcome.RUNNING_NOT_READY : SimulatedNodes.Outcome.RUNNING_READY);
    }

    /** A pod on a simulated node (no scheduler yet: it names its node) with a container port named http. */
    private static Pod pod(KubernetesClient client, String ns, String name, String node, int port, boolean ready, List<String> finalizers) {
        String app = name.substring(0, name.indexOf('-'));
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name).withFinalizers(finalizers)
                .addToLabels(Map.of("app", app, "ready", Boolean.toString(ready))).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("busybox")
                .addNewPort().withName("http").withContainerPort(port).endPort().endContainer().endSpec().build()).create();
        return client.pods().inNamespace(ns).withName(name).waitUntilCondition(
                p -> p != null && "Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP() != null, 30, TimeUnit.SECONDS);
    }

    private static Endpoints waitEndpoints(KubernetesClient client, String ns, String name, Predicate<Endpoints> condition) {
        return client.endpoints().inNamespace(ns).withName(name).waitUntilCondition(e -> e != null && condition.test(e), 30, TimeUnit.SECONDS);
    }

    private static List<EndpointSlice> waitSlices(KubernetesClient client, String ns, String service, Predicate<List<EndpointSlice>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<EndpointSlice> slices;
        do {
            slices = client.discovery().v1().endpointSlices().inNamespace(ns).withLabel("kubernetes.io/service-name", service).list().getItems();
            slices.forEach(slice -> slice.setEndpoints(slice.getEndpoints() == null ? List.of() : slice.getEndpoints()));
            if (condition.test(slices)) {
                return slices;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("slices of " + service + " never matched: " + slices);
    }

    private static int all(Endpoints endpoints, java.util.function.Function<EndpointSubset, List<EndpointAddress>> part) {
        return endpoints.getSubsets() == null ? 0 : endpoints.getSubsets().stream().map(part).filter(Objects::nonNull).mapToInt(List::size).sum();
    }

    private static EndpointSubset subsetWithPort(Endpoints endpoints, int port) {
        return endpoints.getSubsets().stream().filter(s -> s.getPorts().stream().anyMatch(p -> p.getPort() == port)).findFirst().orElseThrow();
    }

    private static List<String> ips(List<EndpointAddress> addresses) {
        return addresses.stream().map(EndpointAddress::getIp).sorted(Comparator.naturalOrder()).collect(Collectors.toList());
    }

    private static String ip(Pod pod) {
        return pod.getStatus().getPodIP();
    }

    private static Endpoint endpointOrNull(List<EndpointSlice> slices, String pod) {
        return slices.stream().flatMap(s -> s.getEndpoints().stream()).filter(e -> e.getTargetRef() != null && pod.equals(e.getTargetRef().getName()))
                .findFirst().orElse(null);
    }

    private static Endpoint endpoint(List<EndpointSlice> slices, String pod) {
        Endpoint endpoint = endpointOrNull(slices, pod);
        assertTrue(endpoint != null, pod + " in " + slices);
        return endpoint;
    }
}
