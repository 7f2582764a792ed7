package io.tinykube.runtime.container;

import io.tinykube.runtime.cgroup.CgroupHierarchy;
import java.nio.file.Path;
import java.util.List;

/**
 * An "agent" in its own JVM that starts one container and exits at once, for the tests of supervision across
 * agent restarts. Arguments: state dir, rootfs, cgroup path, container id, stdout file, shell script.
 */
public final class AgentProcess {
    public static void main(String[] args) {
        ContainerSupervisor supervisor = new ContainerSupervisor(Path.of(args[0]), CgroupHierarchy.detect());
        supervisor.create(ContainerSpec.builder(args[3], Path.of(args[1]), args[2], List.of("/bin/sh", "-c", args[5]))
            .stdout(Path.of(args[4])).stderr(Path.of(args[4])).build());
        supervisor.start(args[3]);
        System.exit(0);
    }

    static void startAndExit(ContainerFixture fixture, String id, String script) throws Exception {
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentProcess.class.getName(),
                fixture.state.toString(), fixture.rootfs.toString(), fixture.cgroupRoot + "/" + id, id,
                fixture.dir.resolve(id + ".out").toString(), script)
            .inheritIO().start();
        if (agent.waitFor() != 0) {
            throw new AssertionError("the agent process failed");
        }
    }
}
