package io.tinykube.runtime.process;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs one host tool (ip, nft, mount, mknod, setfattr, stat, busybox...) as a child process to completion.
 * The JVM cannot enter namespaces, make device nodes or set most xattrs itself, so every part of the runtime
 * that needs such a tool goes through here; unit tests substitute a recording fake.
 */
public interface CommandRunner {
    /**
     * Runs {@code command} in {@code directory} (null: the JVM's working directory) with {@code stdin} (may be
     * empty) as its input and returns its standard output.
     *
     * @throws CommandFailedException when it cannot start or exits non-zero
     */
    String run(Path directory, List<String> command, String stdin);

    default String run(List<String> command, String stdin) {
        return run(null, command, stdin);
    }

    default String run(List<String> command) {
        return run(null, command, "");
    }

    /** The real runner. */
    static CommandRunner processes() {
        return ProcessCommandRunner.INSTANCE;
    }
}
