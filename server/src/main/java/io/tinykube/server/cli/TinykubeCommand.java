package io.tinykube.server.cli;

import picocli.CommandLine.Command;

@Command(name = "tinykube",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A small Kubernetes distribution for edge boards.",
        subcommands = {ServerCommand.class, AgentCommand.class, KubectlCommand.class, ImagesCommand.class,
                VersionCommand.class})
public class TinykubeCommand {
}
