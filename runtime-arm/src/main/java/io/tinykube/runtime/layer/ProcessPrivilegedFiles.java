package io.tinykube.runtime.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link PrivilegedFiles} through coreutils' {@code mknod} and attr's {@code setfattr}: one short child process
 * per call, which is fine for what needs them (whiteouts, device nodes and capability xattrs are rare).
 */
public final class ProcessPrivilegedFiles implements PrivilegedFiles {
    private static final long TIMEOUT_SECONDS = 30;

    @Override
    public void makeNode(Path path, NodeType type, int major, int minor, int mode) throws IOException {
        String octalMode = Integer.toOctalString(mode & 07777);
        List<String> command = switch (type) {
            case CHARACTER_DEVICE -> List.of("mknod", "-m", octalMode, path.toString(), "c", Integer.toString(major),
                    Integer.toString(minor));
            case BLOCK_DEVICE -> List.of("mknod", "-m", octalMode, path.toString(), "b", Integer.toString(major),
                    Integer.toString(minor));
            case FIFO -> List.of("mknod", "-m", octalMode, path.toString(), "p");
        };
        run(command);
    }

    @Override
    public void setXattr(Path path, String name, byte[] value) throws IOException {
        // "0s" marks a base64 value, so binary attributes such as security.capability survive the command line.
        run(List.of("setfattr", "-h", "-n", name, "-v", "0s" + Base64.getEncoder().encodeToString(value), "--",
                path.toString()));
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IOException(command.get(0) + " failed (exit " + process.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " interrupted", interrupted);
        }
    }
}
