package io.tinykube.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "agent", description = "Run a node agent that joins a server (not built yet).")
public class AgentCommand implements Callable<Integer> {
    @Option(names = "--config", description = "Config file whose keys are these flags' names.")
    String config;

    @Option(names = "--server", description = "The server's URL, e.g. https://10.0.0.2:6443.")
    String server;

    @Option(names = "--token", description = "The join token from the server's data-dir/server/token.")
    String token;

    @Option(names = "--data-dir", defaultValue = "/var/lib/tinykube", description = "Where state lives (default: ${DEFAULT-VALUE}).")
    String dataDir;

    @Option(names = "--node-name", description = "This node's name (default: the hostname).")
    String nodeName;

    @Override
    public Integer call() {
        System.err.println("tinykube agent: not built yet — the node agent arrives with its own issue; "
                + "a server runs no pods until then.");
        return 3;
    }
}
