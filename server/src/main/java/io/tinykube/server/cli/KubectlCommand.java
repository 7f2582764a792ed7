package io.tinykube.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Passes every argument, flags included, to kubectl (see {@link #passArgumentsThrough}). */
@Command(name = "kubectl", description = "Run kubectl against this machine's cluster with the admin kubeconfig.")
public class KubectlCommand implements Callable<Integer> {
    static final String DEFAULT_KUBECONFIG = "/etc/tinykube/kubeconfig.yaml";

    @Parameters(arity = "0..*", description = "kubectl's arguments.")
    List<String> arguments = new ArrayList<>();

    static void passArgumentsThrough(CommandLine commandLine) {
        commandLine.setUnmatchedOptionsArePositionalParams(true).setStopAtPositional(true);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        String kubectl = System.getenv().getOrDefault("TINYKUBE_KUBECTL", "kubectl");
        List<String> command = new ArrayList<>();
        command.add(kubectl);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        if (System.getenv("KUBECONFIG") == null) {
            if (!Files.isReadable(Path.of(DEFAULT_KUBECONFIG))) {
                throw new UserError("no kubeconfig at " + DEFAULT_KUBECONFIG + ": is the server running on this machine? "
                        + "Set KUBECONFIG to use another one.");
            }
            builder.environment().put("KUBECONFIG", DEFAULT_KUBECONFIG);
        }
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new UserError("cannot run " + kubectl + ": " + e.getMessage() + " (install kubectl or set TINYKUBE_KUBECTL)");
        }
    }
}
