package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tinykube.runtime.process.CommandFailedException;
import io.tinykube.runtime.process.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * hostPort DNAT and masquerade with nftables (clients use curl: busybox-static wget segfaults on this machine), inside a namespace playing the node (so the host's rules
 * and sysctls stay untouched), with a second namespace playing another machine on the node's LAN.
 */
class HostPortTest {
    private TestNode node;
    private PodNetwork network;
    private Path client;
    private String nodeIp;
    private String clientIp;
    private final List<Process> servers = new ArrayList<>();

    @BeforeEach
    void createNodeAndClient() throws Exception {
        RootOnly.assumeRoot();
        node = TestNode.inOwnNamespace();
        network = new PodNetwork(node.config);
        network.initNode();

        // The LAN: 10.198.N.0/24 between the node and a client that has no route to the pod CIDR.
        String lan = "10.198." + (node.cidr.network() >>> 8 & 0xff) + ".";
        nodeIp = lan + "1";
        clientIp = lan + "2";
        client = node.dir.resolve("client.netns");
        Files.createFile(client);
        String nodeEnd = "tklan" + node.suffix;
        CommandRunner.processes().run(List.of("unshare", "--net=" + client, "ip", "-b", "-"), """
            link set lo up
            link add eth0 type veth peer name %s netns %s
            addr add %s/24 dev eth0
            link set eth0 up
            """.formatted(nodeEnd, node.nodeNetns.orElseThrow(), clientIp));
        check(node.inNode("ip", "addr", "add", nodeIp + "/24", "dev", nodeEnd), "node address");
        check(node.inNode("ip", "link", "set", nodeEnd, "up"), "node link");
    }

    @AfterEach
    void removeEverything() throws Exception {
        for (Process server : servers) {
            server.destroyForcibly().waitFor();
        }
        if (client != null) {
            Shell.run("umount", "-l", client.toString());
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aHostPortReachesThePodFromAnotherMachineAndFromTheNode() throws Exception {
        PodNetworkStatus pod = network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "web", "10.43.0.10")
            .withHostPorts(List.of(HostPort.tcp(8080, 80))));
        serveHttp(pod, "hello from the pod");

        Shell.Result fromClient = Shell.eventually("nsenter", "--net=" + client, "curl", "-sS", "-m", "2",
            "http://" + nodeIp + ":8080/");
        assertEquals("hello from the pod\n", fromClient.output());
        Shell.Result fromNode = node.inNode("curl", "-sS", "-m", "2", "http://" + nodeIp + ":8080/");
        assertEquals("hello from the pod\n", fromNode.output());
    }

    @Test
    void aPodReachesAnotherPodsHostPortThroughTheNodesAddress() throws Exception {
        PodNetworkStatus web = network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "web", "10.43.0.10")
            .withHostPorts(List.of(HostPort.tcp(8080, 80))));
        PodNetworkStatus other = network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "other", "10.43.0.10"));
        serveHttp(web, "hello from the pod");

        Shell.Result fromPod = Shell.eventually("nsenter", "--net=" + other.netns().orElseThrow(), "curl",
            "-sS", "-m", "2", "http://" + nodeIp + ":8080/");
        assertEquals("hello from the pod\n", fromPod.output());
    }

    @Test
    void teardownRemovesTheMappingAndOnlyThePodsOwn() throws Exception {
        String web = TestNode.sandboxId();
        String api = TestNode.sandboxId();
        network.setUp(PodNetworkRequest.of(web, "shop", "web", "10.43.0.10").withHostPorts(List.of(HostPort.tcp(8080, 80))));
        PodNetworkStatus apiPod = network.setUp(PodNetworkRequest.of(api, "shop", "api", "10.43.0.10")
            .withHostPorts(List.of(HostPort.tcp(9090, 80))));
        serveHttp(apiPod, "hello from the api");

        network.tearDown(web);

        String table = node.inNode("nft", "list", "table", "ip", node.config.nftTable()).output();
        assertFalse(table.contains("8080"), table);
        assertTrue(table.contains("9090"), table);
        Shell.Result stillThere = Shell.eventually("nsenter", "--net=" + client, "curl", "-sS", "-m", "2",
            "http://" + nodeIp + ":9090/");
        assertEquals("hello from the api\n", stillThere.output());

        network.tearDown(api);
        assertFalse(node.inNode("nft", "list", "table", "ip", node.config.nftTable()).output().contains("9090"));
        assertFalse(Shell.run("nsenter", "--net=" + client, "curl", "-sS", "-m", "2",
            "http://" + nodeIp + ":9090/").ok());
    }

    @Test
    void aHostPortAlreadyPublishedByAnotherPodIsRefused() {
        network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "web", "10.43.0.10")
            .withHostPorts(List.of(HostPort.tcp(8080, 80))));
        String second = TestNode.sandboxId();

        assertThrows(CommandFailedException.class, () -> network.setUp(
            PodNetworkRequest.of(second, "shop", "web2", "10.43.0.10").withHostPorts(List.of(HostPort.tcp(8080, 80)))));
        network.tearDown(second);
        assertTrue(node.inNode("nft", "list", "table", "ip", node.config.nftTable()).output().contains("8080"),
            "the first pod keeps its port");
    }

    @Test
    void podTrafficLeavingThePodCidrIsMasqueraded() {
        PodNetworkStatus pod = network.setUp(PodNetworkRequest.of(TestNode.sandboxId(), "shop", "web", "10.43.0.10"));

        // The client has no route back to the pod CIDR: only the node's address as source gets an answer.
        Shell.Result ping = Shell.run("nsenter", "--net=" + pod.netns().orElseThrow(), Shell.BUSYBOX, "ping", "-c1", "-W2",
            clientIp);
        assertTrue(ping.ok(), ping.output());
    }

    private void serveHttp(PodNetworkStatus pod, String body) throws Exception {
        Path root = node.dir.resolve("www-" + pod.sandboxId());
        Files.createDirectories(root);
        Files.writeString(root.resolve("index.html"), body + "\n");
        servers.add(Shell.start(List.of("nsenter", "--net=" + pod.netns().orElseThrow(), Shell.BUSYBOX, "httpd", "-f",
            "-p", "80", "-h", root.toString())));
    }

    private static void check(Shell.Result result, String what) {
        assertTrue(result.ok(), what + ": " + result.output());
    }
}
