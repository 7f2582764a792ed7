package io.tinykube.server.cli;

/** A mistake in what the user gave us (flags, config file); printed as one line, exit code 2. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
