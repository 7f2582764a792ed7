package io.tinykube.server.cli;

import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * The {@code tinykube} entry point. Parses the command line (and the config file) before Quarkus
 * starts, so that {@code version}, {@code --help} and bad flags cost no application start-up, and
 * only {@code server} and {@code agent} boot the application.
 */
@QuarkusMain
public final class Launcher {

    private Launcher() {
    }

    public static void main(String... args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new TinykubeCommand())
                .setOverwrittenOptionsAllowed(true)
                .setExecutionExceptionHandler((error, cmd, parsed) -> {
                    if (error instanceof UserError) {
                        cmd.getErr().println("tinykube: " + error.getMessage());
                        return 2;
                    }
                    throw error;
                });
        KubectlCommand.passArgumentsThrough(commandLine.getSubcommands().get("kubectl"));
        return commandLine.execute(ConfigFile.withConfigFileArguments(commandLine, args));
    }
}
