package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Teardown leaves no veth, namespace, mount, address file or pod file behind, and may be repeated. */
class SandboxTeardownTest {
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
    void teardownRemovesVethNamespaceAddressAndFiles() throws Exception {
        String sandbox = TestNode.sandboxId();
        String other = TestNode.sandboxId();
        PodNetworkStatus pod = network.setUp(PodNetworkRequest.of(sandbox, "shop", "a", "10.43.0.10"));
        PodNetworkStatus kept = network.setUp(PodNetworkRequest.of(other, "shop", "b", "10.43.0.10"));
        Path netns = pod.netns().orElseThrow();
        String veth = PodNetwork.hostVethName(sandbox);
        assertTrue(Shell.run("ip", "link", "show", "dev", veth).ok());
        assertEquals(Set.of(sandbox, other), network.sandboxIds());

        network.tearDown(sandbox);

        assertFalse(Shell.run("ip", "link", "show", "dev", veth).ok(), "host veth left");
        assertFalse(Files.exists(netns), "namespace file left");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(netns.toString()), "namespace still mounted");
        assertFalse(Files.exists(network.config().stateDir().resolve("ipam").resolve(pod.ip().orElseThrow().getHostAddress())));
        assertFalse(Files.exists(pod.hosts().getParent()), "pod files left");
        assertTrue(network.ipam().find(sandbox).isEmpty());
        assertEquals(Set.of(other), network.sandboxIds());
        String bridgePorts = Shell.run("ip", "-o", "link", "show", "master", node.bridge()).output();
        assertEquals(1, bridgePorts.lines().count(), bridgePorts);
        assertTrue(Shell.run(Shell.BUSYBOX, "ping", "-c1", "-W2", kept.ip().orElseThrow().getHostAddress()).ok(),
            "the other pod is untouched");
    }

    @Test
    void teardownTwiceOrOfAnUnknownSandboxIsANoOp() {
        String sandbox = TestNode.sandboxId();
        network.setUp(PodNetworkRequest.of(sandbox, "shop", "a", "10.43.0.10"));
        network.tearDown(sandbox);
        network.tearDown(sandbox);
        network.tearDown(TestNode.sandboxId());
        assertTrue(network.sandboxIds().isEmpty());
    }
}
