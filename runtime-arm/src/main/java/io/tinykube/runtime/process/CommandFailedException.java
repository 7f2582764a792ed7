package io.tinykube.runtime.process;

import java.util.List;

/** A child process could not start or exited non-zero; {@link #stderr()} holds what it said. */
public class CommandFailedException extends RuntimeException {
    private final int exitCode;
    private final String stderr;

    public CommandFailedException(List<String> command, int exitCode, String stderr) {
        super(String.join(" ", command) + " exited " + exitCode + ": " + stderr.strip());
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    /** Not started, or interrupted: no exit code. */
    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = -1;
        this.stderr = "";
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }
}
