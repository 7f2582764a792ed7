package io.tinykube.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tinykube.runtime.process.RecordingRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process starts dominate sandbox set-up time on a Pi: set-up and teardown take two each. */
class SandboxProcessBudgetTest {
    @TempDir
    Path dir;

    @Test
    void setUpStartsTwoProcessesAndTeardownTwo() {
        RecordingRunner runner = new RecordingRunner();
        PodNetwork network = new PodNetwork(PodNetworkConfig.defaults(Ipv4Cidr.parse("10.42.0.0/24"), dir.resolve("state"))
            .withNetnsDir(dir.resolve("netns")), runner);
        String veth = PodNetwork.hostVethName("sb-1");

        network.setUp(PodNetworkRequest.of("sb-1", "default", "web", "10.43.0.10"));
        assertEquals(List.of(
            List.of("unshare", "--net=" + dir.resolve("netns/tk-sb-1"), "ip", "-b", "-"),
            List.of("ip", "-b", "-")), runner.commands);

        runner.commands.clear();
        network.tearDown("sb-1");
        assertEquals(List.of(
            List.of("ip", "link", "del", veth),
            List.of("umount", dir.resolve("netns/tk-sb-1").toString())), runner.commands);
    }

    @Test
    void hostPortsAddOneNftTransaction() {
        RecordingRunner runner = new RecordingRunner();
        PodNetwork network = new PodNetwork(PodNetworkConfig.defaults(Ipv4Cidr.parse("10.42.0.0/24"), dir.resolve("state"))
            .withNetnsDir(dir.resolve("netns")), runner);

        network.setUp(PodNetworkRequest.of("sb-1", "default", "web", "10.43.0.10")
            .withHostPorts(List.of(HostPort.tcp(8080, 80), HostPort.tcp(8443, 443))));
        assertEquals(3, runner.commands.size());
        assertEquals(List.of("nft", "-f", "-"), runner.commands.get(2));
    }
}
