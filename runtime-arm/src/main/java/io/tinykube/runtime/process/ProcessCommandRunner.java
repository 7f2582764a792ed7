package io.tinykube.runtime.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@link CommandRunner} over {@link ProcessBuilder}. */
final class ProcessCommandRunner implements CommandRunner {
    static final ProcessCommandRunner INSTANCE = new ProcessCommandRunner();

    private ProcessCommandRunner() {
    }

    @Override
    public String run(Path directory, List<String> command, String stdin) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CommandFailedException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The tool exited without reading its input; its exit code and stderr say why.
        }
        // Read one stream after the other: the tools run here write a few lines of errors at most,
        // far below the pipe buffer, so stderr cannot fill up while stdout is being read.
        String stdout = readAll(process.getInputStream());
        String stderr = readAll(process.getErrorStream());
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while running " + String.join(" ", command), e);
        }
        if (exitCode != 0) {
            throw new CommandFailedException(command, exitCode, stderr.isBlank() ? stdout : stderr);
        }
        return stdout;
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
