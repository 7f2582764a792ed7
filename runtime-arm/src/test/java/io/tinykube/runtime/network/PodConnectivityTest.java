package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real namespaces, veths and a test bridge on the host: pods reach each other, the node reaches pods. */
class PodConnectivityTest {
    private TestNode node;
    private PodNetwork network;

    @BeforeEach
    void createNode() {
        RootOnly.assumeRoot();
        node = TestNode.onHost();
        network = new PodNetwork(node.config);
        network.initNode();
    }

    @AfterEach
    void removeNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void twoSandboxesGetDifferentAddressesEachOnEth0WithLoopbackUp() throws Exception {
        PodNetworkStatus first = network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "web-0", "10.43.0.10"));
        PodNetworkStatus second = network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "web-1", "10.43.0.10"));

        assertNotEquals(first.ip().orElseThrow(), second.ip().orElseThrow());
        for (PodNetworkStatus pod : List.of(first, second)) {
            String netns = "--net=" + pod.netns().orElseThrow();
            String eth0 = Shell.run("nsenter", netns, "ip", "-o", "-4", "addr", "show", "dev", "eth0").output();
            assertTrue(eth0.contains(pod.ip().orElseThrow().getHostAddress() + "/24"), eth0);
            String lo = Shell.run("nsenter", netns, "ip", "-o", "link", "show", "dev", "lo").output();
            assertTrue(lo.contains(",UP"), lo);
            String route = Shell.run("nsenter", netns, "ip", "route", "show", "default").output();
            assertTrue(route.contains("via " + Ipv4Cidr.format(node.cidr.gateway()) + " dev eth0"), route);
            assertTrue(Files.readString(pod.hosts()).contains(pod.ip().orElseThrow().getHostAddress() + "\t"));
            assertTrue(Files.readString(pod.resolvConf()).contains("nameserver 10.43.0.10\n"));
        }
        assertEquals("web-1\n", Files.readString(second.hostname()));
    }

    @Test
    void podsReachEachOtherOverTheBridge() {
        PodNetworkStatus first = network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "a", "10.43.0.10"));
        PodNetworkStatus second = network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "b", "10.43.0.10"));

        Shell.Result ping = Shell.run("nsenter", "--net=" + first.netns().orElseThrow(),
            Shell.BUSYBOX, "ping", "-c1", "-W2", second.ip().orElseThrow().getHostAddress());
        assertTrue(ping.ok(), ping.output());
        Shell.Result back = Shell.run("nsenter", "--net=" + second.netns().orElseThrow(),
            Shell.BUSYBOX, "ping", "-c1", "-W2", first.ip().orElseThrow().getHostAddress());
        assertTrue(back.ok(), back.output());
    }

    @Test
    void theNodeReachesAPodsAddressOverTheBridge() {
        PodNetworkStatus pod = network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "a", "10.43.0.10"));

        Shell.Result ping = Shell.run(Shell.BUSYBOX, "ping", "-c1", "-W2", pod.ip().orElseThrow().getHostAddress());
        assertTrue(ping.ok(), ping.output());
    }

    @Test
    void twoContainersOfOnePodTalkOverLocalhost() throws Exception {
        PodNetworkStatus pod = network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "a", "10.43.0.10"));
        String netns = "--net=" + pod.netns().orElseThrow();

        Process server = Shell.start(List.of("nsenter", netns, Shell.BUSYBOX, "nc", "-l", "-p", "8080"));
        try {
            Shell.Result client = Shell.eventually("nsenter", netns, Shell.BUSYBOX, "sh", "-c",
                "echo hello-from-the-sidecar | " + Shell.BUSYBOX + " nc 127.0.0.1 8080");
            assertTrue(client.ok(), client.output());
            assertEquals("hello-from-the-sidecar\n", new String(server.getInputStream().readAllBytes()));
        } finally {
            server.destroyForcibly().waitFor();
        }
    }
}
