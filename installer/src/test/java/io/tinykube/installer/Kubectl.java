package io.tinykube.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real kubectl binaries this machine carries, one per minor version. */
final class Kubectl {
    static final List<String> VERSIONS = List.of("1.31", "1.32", "1.33");

    private Kubectl() {
    }

    static Path binary(String version) {
        return Path.of("/usr/lib/google-cloud-sdk/bin/kubectl." + version);
    }

    static Distribution.Result run(String version, Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary(version).toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // A private HOME keeps kubectl's discovery cache out of the user's.
        builder.environment().put("HOME", kubeconfig.getParent().toString());
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
        }
        return new Distribution.Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /**
     * Runs the command until its standard output satisfies {@code done} (e.g. an event the server records
     * asynchronously has been written), for at most 30 s; returns the last result either way.
     */
    static Distribution.Result until(Predicate<String> done, String version, Path kubeconfig, String... args)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Distribution.Result result = run(version, kubeconfig, args);
        while (!done.test(result.stdout()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            result = run(version, kubeconfig, args);
        }
        return result;
    }
}
