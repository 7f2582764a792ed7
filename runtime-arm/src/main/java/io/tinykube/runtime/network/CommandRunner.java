package io.tinykube.runtime.network;

import java.util.List;

/**
 * Runs one privileged tool as a child process. The JVM cannot enter namespaces itself, so every network
 * change goes through here; tests substitute a recording fake.
 */
public interface CommandRunner {
    /**
     * Runs {@code command} with {@code stdin} (may be empty) and returns its standard output.
     *
     * @throws CommandFailedException when it exits non-zero
     */
    String run(List<String> command, String stdin);
}
