package io.tinykube.runtime.cgroup;

/** A cgroup could not be created, configured, read or removed; the message names the file and the reason. */
public class CgroupException extends RuntimeException {

    public CgroupException(String message) {
        super(message);
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
