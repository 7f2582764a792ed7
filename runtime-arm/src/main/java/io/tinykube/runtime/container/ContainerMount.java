package io.tinykube.runtime.container;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A volume in a container: a host path bound in (read-write or read-only) or a tmpfs.
 *
 * @param destination absolute path inside the container
 * @param source      host path of a bind mount; null for tmpfs
 * @param sizeBytes   tmpfs size limit; empty = the kernel's default (half the RAM)
 */
public record ContainerMount(Kind kind, Path source, String destination, boolean readOnly, OptionalLong sizeBytes) {
    public enum Kind { BIND, TMPFS }

    public ContainerMount {
        if (!destination.startsWith("/")) {
            throw new IllegalArgumentException("a mount destination is absolute: " + destination);
        }
        if ((kind == Kind.BIND) != (source != null)) {
            throw new IllegalArgumentException("a bind mount has a source, a tmpfs none: " + destination);
        }
    }

    public static ContainerMount bind(Path source, String destination, boolean readOnly) {
        return new ContainerMount(Kind.BIND, source, destination, readOnly, OptionalLong.empty());
    }

    public static ContainerMount tmpfs(String destination, OptionalLong sizeBytes) {
        return new ContainerMount(Kind.TMPFS, null, destination, false, sizeBytes);
    }
}
