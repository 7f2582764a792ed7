package io.tinykube.server.cli;

import io.tinykube.runtime.AgentDirectories;
import io.tinykube.runtime.image.Image;
import io.tinykube.runtime.image.ImageException;
import io.tinykube.runtime.image.ImageImporter;
import io.tinykube.runtime.image.ImageReference;
import io.tinykube.runtime.image.ImageStore;
import io.tinykube.runtime.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The node's image store, as the agent uses it: import airgap tarballs, list what is there. */
@Command(name = "images", mixinStandardHelpOptions = true, description = "Import and list the node's container images.",
        subcommands = {ImagesCommand.Import.class, ImagesCommand.ListImages.class})
public class ImagesCommand implements Runnable {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "/var/lib/tinykube", scope = ScopeType.INHERIT,
            description = "Where state lives (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: import or list");
    }

    ImageStore store() throws IOException {
        try {
            return new AgentDirectories(dataDir).openImageStore();
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UserError("cannot use the image store in " + dataDir + ": permission denied (run as root?)", e);
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Import docker save or OCI archive tarballs (plain, gzip or zstd).")
    static class Import implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        ImagesCommand images;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "The tarballs to import.")
        List<Path> files;

        @Override
        public Integer call() throws IOException {
            ImageImporter importer = new ImageImporter(images.store(), Platform.detect());
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    throw new UserError("no such file: " + file);
                }
                try {
                    for (String name : importer.importTarball(file)) {
                        System.out.println("imported " + name);
                    }
                } catch (ImageException e) {
                    throw new UserError("cannot import " + file + ": " + e.getMessage(), e);
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the images in the store, as crictl images does.")
    static class ListImages implements Callable<Integer> {
        private static final String FORMAT = "%-50s %-20s %-15s %s%n";

        @picocli.CommandLine.ParentCommand
        ImagesCommand images;

        @Override
        public Integer call() throws IOException {
            System.out.printf(FORMAT, "REPOSITORY", "TAG", "IMAGE ID", "SIZE");
            if (!Files.isDirectory(new AgentDirectories(images.dataDir).images())) {
                return 0;
            }
            for (Image image : images.store().list()) {
                ImageReference reference = ImageReference.parse(image.name());
                String id = image.id().substring(image.id().indexOf(':') + 1);
                System.out.printf(FORMAT, reference.name(), reference.tag() == null ? "<none>" : reference.tag(),
                    id.substring(0, 13), humanSize(image.sizeBytes()));
            }
            return 0;
        }

        /** Decimal units with three significant digits, as crictl prints sizes (docker's units.HumanSize). */
        static String humanSize(long bytes) {
            String[] units = {"B", "kB", "MB", "GB", "TB"};
            double size = bytes;
            int unit = 0;
            while (size >= 1000 && unit < units.length - 1) {
                size /= 1000;
                unit++;
            }
            return String.format(Locale.ROOT, "%.3g", size).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "")
                + units[unit];
        }
    }
}
