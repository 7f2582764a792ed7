package io.tinykube.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "images", description = "Manage container images, e.g. 'images import FILE' (not built yet).")
public class ImagesCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "The images subcommand and its arguments.")
    java.util.List<String> arguments;

    @Override
    public Integer call() {
        System.err.println("tinykube images: not built yet — image import arrives with the container runtime.");
        return 3;
    }
}
