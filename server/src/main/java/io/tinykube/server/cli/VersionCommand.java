package io.tinykube.server.cli;

import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the tinykube version and the Kubernetes version it serves.")
public class VersionCommand implements Runnable {
    @Override
    public void run() {
        System.out.println(new Version().getVersion()[0]);
    }
}
