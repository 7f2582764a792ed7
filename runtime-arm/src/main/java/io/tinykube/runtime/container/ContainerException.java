package io.tinykube.runtime.container;

/** A container could not be created, started, inspected or stopped. */
public class ContainerException extends RuntimeException {
    public ContainerException(String message) {
        super(message);
    }

    public ContainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
