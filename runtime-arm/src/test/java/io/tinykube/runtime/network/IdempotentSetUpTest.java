package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Set-up re-run after a crash keeps a complete sandbox network and rebuilds whatever is half there. */
class IdempotentSetUpTest {
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
    void aCompleteSandboxIsKeptSoItsRunningProcessesStayConnected() throws Exception {
        PodNetworkRequest request = PodNetworkRequest.of(TestNode.sandboxId(), "shop", "a", "10.43.0.10");
        PodNetworkStatus first = network.setUp(request);
        Path netns = first.netns().orElseThrow();
        Process workload = Shell.start(List.of("nsenter", "--net=" + netns, Shell.BUSYBOX, "sleep", "30"));
        try {
            PodNetworkStatus again = new PodNetwork(node.config).setUp(request);

            assertEquals(first, again);
            assertEquals("net:[" + Files.getAttribute(netns, "unix:ino") + "]",
                Files.readSymbolicLink(Path.of("/proc/" + workload.pid() + "/ns/net")).toString(),
                "the namespace file still is the workload's namespace");
            assertPodReachable(again);
        } finally {
            workload.destroyForcibly().waitFor();
        }
    }

    @Test
    void aSandboxWhoseVethWasLostIsRebuiltWithTheSameAddress() {
        PodNetworkRequest request = PodNetworkRequest.of(TestNode.sandboxId(), "shop", "a", "10.43.0.10");
        PodNetworkStatus first = network.setUp(request);
        assertTrue(Shell.run("ip", "link", "del", PodNetwork.hostVethName(request.sandboxId())).ok());

        PodNetworkStatus again = network.setUp(request);

        assertEquals(first.ip(), again.ip());
        assertPodReachable(again);
    }

    @Test
    void anEmptyNamespaceFileLeftBeforeTheNamespaceWasBoundIsReplaced() throws Exception {
        PodNetworkRequest request = PodNetworkRequest.of(TestNode.sandboxId(), "shop", "a", "10.43.0.10");
        Files.createDirectories(node.config.netnsDir());
        Files.createFile(network.netnsPath(request.sandboxId()));

        assertPodReachable(network.setUp(request));
    }

    @Test
    void aLeftOverHostInterfaceWithTheVethsNameIsReplaced() {
        PodNetworkRequest request = PodNetworkRequest.of(TestNode.sandboxId(), "shop", "a", "10.43.0.10");
        String veth = PodNetwork.hostVethName(request.sandboxId());
        String stalePeer = node.bridge() + "p";
        try {
            Shell.Result stale = Shell.run("ip", "link", "add", veth, "type", "veth", "peer", "name", stalePeer);
            assertTrue(stale.ok(), stale.output());

            assertPodReachable(network.setUp(request));
            assertFalse(Shell.run("ip", "link", "show", "dev", stalePeer).ok(), "the stale pair is gone");
        } finally {
            Shell.run("ip", "link", "del", stalePeer);
        }
    }

    private static void assertPodReachable(PodNetworkStatus pod) {
        Shell.Result ping = Shell.run(Shell.BUSYBOX, "ping", "-c1", "-W2", pod.ip().orElseThrow().getHostAddress());
        assertTrue(ping.ok(), ping.output());
    }
}
