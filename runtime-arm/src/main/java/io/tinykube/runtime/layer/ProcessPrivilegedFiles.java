package io.tinykube.runtime.layer;

import io.tinykube.runtime.process.CommandFailedException;
import io.tinykube.runtime.process.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * {@link PrivilegedFiles} through coreutils' {@code mknod} and attr's {@code setfattr}: one short child process
 * per call, which is fine for what needs them (whiteouts, device nodes and capability xattrs are rare).
 */
public final class ProcessPrivilegedFiles implements PrivilegedFiles {
    private final CommandRunner commands;

    public ProcessPrivilegedFiles() {
        this(CommandRunner.processes());
    }

    public ProcessPrivilegedFiles(CommandRunner commands) {
        this.commands = commands;
    }

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

    private void run(List<String> command) throws IOException {
        try {
            commands.run(command);
        } catch (CommandFailedException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
