package io.tinykube.runtime.network;

import java.util.List;

/** A child process (ip, nft, unshare, ...) exited non-zero; {@link #stderr()} holds what it said. */
public class CommandFailedException extends NetworkException {
    private final int exitCode;
    private final String stderr;

    public CommandFailedException(List<String> command, int exitCode, String stderr) {
        super(String.join(" ", command) + " exited " + exitCode + ": " + stderr.strip());
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }
}
